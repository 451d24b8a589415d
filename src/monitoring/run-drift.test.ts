import { describe, expect, it } from "vitest";
import { fitColumnDistribution, type TrainingDistribution } from "../model/index.ts";
import { createRunBinCounter } from "./count-run-bins.ts";
import { populationStabilityIndex } from "./population-stability-index.ts";
import { computeRunDrift } from "./run-drift.ts";

const training: TrainingDistribution = {
  from: "2025-01-06",
  to: "2025-06-30",
  rows: 10,
  features: [
    fitColumnDistribution({ name: "logins_30d", type: "numeric", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }),
    fitColumnDistribution({ name: "plan", type: "categorical", values: ["pro", "pro", "basic", "basic", null] }),
  ],
  score: fitColumnDistribution({ name: "score", type: "numeric", values: [0.1, 0.2, 0.3, 0.4, 0.5] }),
};

describe("computeRunDrift", () => {
  it("counts a run into the training bins in one pass and reports PSI and missing shares", () => {
    const counter = createRunBinCounter(training);
    // Every customer's logins fell to 1 (the lowest training bin); one plan missing, one unknown.
    counter.addRows(["pro", "basic", null, "enterprise"].map((plan) => ({ values: { logins_30d: 1, plan } })));
    counter.addScores([0.1, 0.2, 0.3, 0.45]);
    const drift = computeRunDrift({ modelVersion: "v1", distribution: training, counts: counter.counts() });
    const logins = drift.features[0];
    expect(logins.run[0]).toBe(1);
    expect(logins.training[0]).toBe(0.1);
    expect(logins.psi).toBeCloseTo(populationStabilityIndex(logins.training, logins.run), 12);
    expect(logins.psi).toBeGreaterThan(0.2);
    const plan = drift.features[1];
    expect(plan.labels).toEqual(["basic", "pro", "other", "missing"]);
    expect(plan.run).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(plan).toMatchObject({ missingShare: 0.25, trainingMissingShare: 0.2 });
    expect(drift.rows).toBe(4);
    expect(drift.score.run.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("finds no drift in a run drawn like the training window", () => {
    const counter = createRunBinCounter(training);
    const plans = ["pro", "pro", "basic", "basic", null];
    counter.addRows(
      Array.from({ length: 10 }, (_, i) => ({ values: { logins_30d: i + 1, plan: plans[(i + 1) % 5] } })),
    );
    const drift = computeRunDrift({ modelVersion: "v1", distribution: training, counts: counter.counts() });
    expect(drift.features[0].psi).toBeCloseTo(0, 12);
    expect(drift.features[1].psi).toBeCloseTo(0, 12);
  });
});
