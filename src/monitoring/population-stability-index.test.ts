import { describe, expect, it } from "vitest";
import { PSI_EPSILON, populationStabilityIndex } from "./population-stability-index.ts";

describe("populationStabilityIndex", () => {
  it("is 0 for the same shares", () => {
    expect(populationStabilityIndex([0.25, 0.25, 0.5], [0.25, 0.25, 0.5])).toBe(0);
  });

  it("matches a hand computation", () => {
    // (0.3 − 0.5)·ln(0.3/0.5) + (0.7 − 0.5)·ln(0.7/0.5) = 0.10217 + 0.06729
    const psi = populationStabilityIndex([0.5, 0.5], [0.3, 0.7]);
    expect(psi).toBeCloseTo(0.2 * Math.log(5 / 3) + 0.2 * Math.log(7 / 5), 12);
    expect(psi).toBeCloseTo(0.16946, 5);
  });

  it("uses epsilon for an empty bin instead of an infinite term", () => {
    const psi = populationStabilityIndex([0.5, 0.5, 0], [0.4, 0.4, 0.2]);
    const hand = -0.1 * Math.log(0.8) * 2 + (0.2 - PSI_EPSILON) * Math.log(0.2 / PSI_EPSILON);
    expect(psi).toBeCloseTo(hand, 12);
    expect(Number.isFinite(populationStabilityIndex([1, 0], [0, 1]))).toBe(true);
  });

  it("refuses bins that do not line up", () => {
    expect(() => populationStabilityIndex([0.5, 0.5], [1])).toThrow(/as many run bins as training bins \(2\), found 1/);
  });
});
