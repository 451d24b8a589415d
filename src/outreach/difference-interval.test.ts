import { describe, expect, it } from "vitest";
import { proportionDifference, wilsonInterval } from "./difference-interval.ts";

describe("retention difference and its interval", () => {
  // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score).
  it.each([
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
    [6, 7, 2, 7, 0.5714, 0.0582, 0.8062],
    [5, 56, 0, 29, 0.0893, -0.0381, 0.1926],
  ])("%i/%i − %i/%i = %f, 95 %% CI [%f, %f] as published", (k1, n1, k2, n2, d, lo, hi) => {
    const r = proportionDifference(k1, n1, k2, n2)!;
    expect(r.difference).toBeCloseTo(d, 4);
    expect(r.ci95[0]).toBeCloseTo(lo, 4);
    expect(r.ci95[1]).toBeCloseTo(hi, 4);
  });

  it("Wilson interval of 0/10 and 10/10 stays inside [0, 1]", () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(10, 10)[1]).toBeCloseTo(1, 12);
    expect(wilsonInterval(0, 10)[1]).toBeCloseTo(0.2775, 4);
  });

  it("is null until both groups have someone", () => {
    expect(proportionDifference(3, 4, 0, 0)).toBeNull();
  });
});
