import { describe, expect, it } from "vitest";
import type { ModelHealth } from "../monitoring/index.ts";
import { healthSignals } from "./check-health-alerts.ts";

describe("healthSignals", () => {
  it("reads each run's realised AUC (pending runs: none), its flagged drift and each version's promised test AUC", () => {
    const health = {
      psiThreshold: 0.2,
      latestDrift: null,
      versions: [{ version: "v1", promised: { validationAuc: 0.81, testAuc: 0.8 } }],
      runs: [
        {
          runId: 1,
          asOf: "2025-06-01",
          modelVersion: "v1",
          status: "measured",
          outcome: { overall: { auc: 0.7 } },
          drift: { available: true, scoreFlagged: true, flagged: [{ name: "logins_30d", psi: 0.4 }] },
        },
        {
          runId: 2,
          asOf: "2025-06-02",
          modelVersion: "v1",
          status: "pending",
          outcome: null,
          drift: { available: false, reason: "not measured" },
        },
      ],
    } as unknown as ModelHealth;
    const signals = healthSignals(health);
    expect(signals.runs).toEqual([
      { runId: 1, asOf: "2025-06-01", modelVersion: "v1", realisedAuc: 0.7, driftFlagged: ["the score", "logins_30d"] },
      { runId: 2, asOf: "2025-06-02", modelVersion: "v1", realisedAuc: null, driftFlagged: [] },
    ]);
    expect(signals.promisedTestAuc("v1")).toBe(0.8);
    expect(signals.promisedTestAuc("v2")).toBeNull();
  });
});
