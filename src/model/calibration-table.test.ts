import { describe, expect, it } from "vitest";
import { calibrationTable, expectedCalibrationError } from "./calibration-table.ts";

describe("calibrationTable", () => {
  it("bins probabilities into equal-width bins with observed rates", () => {
    const table = calibrationTable([0, 1, 1, 0, 1], [0.05, 0.15, 0.95, 0.12, 1]);
    expect(table).toHaveLength(10);
    expect(table[0]).toMatchObject({ lower: 0, upper: 0.1, count: 1, observedRate: 0 });
    expect(table[1].count).toBe(2);
    expect(table[1].meanPredicted).toBeCloseTo(0.135, 12);
    expect(table[1].observedRate).toBe(0.5);
    expect(table[9].count).toBe(2); // 1.0 lands in the last bin
    expect(table[5].observedRate).toBeNaN();
  });

  it("has zero error when predictions match outcomes per bin", () => {
    expect(expectedCalibrationError(calibrationTable([0, 1], [0, 1]))).toBe(0);
  });
});
