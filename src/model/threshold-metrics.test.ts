import { describe, expect, it } from "vitest";
import { chooseThreshold, precisionRecallAt } from "./threshold-metrics.ts";

const y = [1, 1, 0, 1, 0, 0];
const p = [0.9, 0.8, 0.7, 0.6, 0.2, 0.1];

describe("precisionRecallAt", () => {
  it.each([
    { t: 0.75, precision: 1, recall: 2 / 3, flagged: 2 / 6 },
    { t: 0.6, precision: 3 / 4, recall: 1, flagged: 4 / 6 },
    { t: 0.95, precision: 0, recall: 0, flagged: 0 },
  ])("at $t", ({ t, precision, recall, flagged }) => {
    const m = precisionRecallAt(y, p, t);
    expect(m.precision).toBeCloseTo(precision, 12);
    expect(m.recall).toBeCloseTo(recall, 12);
    expect(m.flaggedShare).toBeCloseTo(flagged, 12);
  });
});

describe("chooseThreshold", () => {
  it("maximises F1 over the distinct probabilities", () => {
    // F1 at 0.8: P=1,R=⅔ → 0.8; at 0.6: P=¾,R=1 → 6/7 ≈ 0.857 (best)
    const best = chooseThreshold(y, p);
    expect(best.threshold).toBe(0.6);
    expect(best.f1).toBeCloseTo(6 / 7, 12);
  });
});
