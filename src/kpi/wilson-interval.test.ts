import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./wilson-interval.ts";

describe("wilsonInterval (95%)", () => {
  it.each([
    [0, 0, 0, 1],
    [5, 10, 0.2366, 0.7634],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [1, 10, 0.0179, 0.4042],
    [3, 7, 0.1582, 0.7495],
    [1, 1, 0.2065, 1],
    [50, 100, 0.4038, 0.5962],
    [950, 1000, 0.9347, 0.9619],
  ])("%i of %i → [%f, %f]", (k, n, lo, hi) => {
    const [a, b] = wilsonInterval(k, n);
    expect(a).toBeCloseTo(lo, 4);
    expect(b).toBeCloseTo(hi, 4);
  });

  it("narrows as n grows at the same share", () => {
    const width = (k: number, n: number) => wilsonInterval(k, n)[1] - wilsonInterval(k, n)[0];
    expect(width(5, 10)).toBeGreaterThan(width(50, 100));
    expect(width(50, 100)).toBeGreaterThan(width(500, 1000));
  });

  it.each([
    [-1, 3],
    [4, 3],
    [1.5, 3],
  ])("refuses k=%s, n=%s", (k, n) => {
    expect(() => wilsonInterval(k, n)).toThrow(`expected whole counts 0 ≤ k ≤ n, found k=${k}, n=${n}`);
  });
});
