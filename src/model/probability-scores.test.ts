import { describe, expect, it } from "vitest";
import { brierScore, logLoss } from "./probability-scores.ts";

describe("brierScore", () => {
  it("averages squared errors", () => expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12));
  it("is p(1−p) for a constant prevalence forecast", () =>
    expect(brierScore([1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25])).toBeCloseTo(0.1875, 12));
});

describe("logLoss", () => {
  it("averages negative log-likelihoods", () =>
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12));
  it("is finite for certain mistakes (probabilities clipped)", () =>
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true));
});
