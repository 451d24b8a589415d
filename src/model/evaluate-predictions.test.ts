import { describe, expect, it } from "vitest";
import { evaluatePredictions } from "./evaluate-predictions.ts";

describe("evaluatePredictions", () => {
  const y = [0, 0, 1, 1];
  const p = [0.1, 0.4, 0.35, 0.8];

  it("reports the headline scores and a constant-prevalence baseline", () => {
    const m = evaluatePredictions(y, p, { threshold: 0.5 });
    expect(m.auc).toBeCloseTo(0.75, 12);
    expect(m.prevalence).toBe(0.5);
    expect(m.precision).toBe(1);
    expect(m.recall).toBe(0.5);
    expect(m.baseline.auc).toBe(0.5);
    expect(m.baseline.prAuc).toBeCloseTo(0.5, 12);
    expect(m.baseline.brier).toBeCloseTo(0.25, 12);
    expect(m.baseline.logLoss).toBeCloseTo(Math.log(2), 12);
    expect(m.baseline.lift10).toBeCloseTo(1, 12);
    expect(m.curves.calibration).toHaveLength(10);
    expect(m.curves.lift).toHaveLength(10);
  });

  it("uses the training prevalence for the baseline when given", () => {
    expect(evaluatePredictions(y, p, { basePrevalence: 0.25 }).baseline.brier).toBeCloseTo(
      (2 * 0.0625 + 2 * 0.5625) / 4,
      12,
    );
  });
});
