import { describe, expect, it } from "vitest";
import { evaluatePredictions } from "../evaluate-predictions.ts";
import type { CandidateSummary } from "../model-metadata.ts";
import { readRegistryMetrics, writeRegistryMetrics, type RegistryMetrics } from "./registry-metrics-format.ts";

const y = [0, 0, 1, 0, 1, 1, 0, 0, 1, 0];
const validation = evaluatePredictions(y, [0.1, 0.2, 0.7, 0.3, 0.6, 0.9, 0.4, 0.2, 0.5, 0.1], { threshold: 0.5 });
const test = evaluatePredictions(y, [0.2, 0.1, 0.8, 0.4, 0.5, 0.7, 0.3, 0.3, 0.6, 0.2], { threshold: 0.5 });
const older = evaluatePredictions(y, [0.3, 0.2, 0.6, 0.5, 0.4, 0.7, 0.3, 0.3, 0.5, 0.2], { threshold: 0.5 });
const importance = [
  { feature: "logins_30d", importance: 0.04 },
  { feature: "plan", importance: 0 },
];
const candidates: CandidateSummary[] = [
  { name: "lr", kind: "lr", members: 1, valAuc: 0.81, testAuc: 0.8, epochs: [9], seconds: 0.4 },
  {
    name: "gbdt",
    kind: "gbdt",
    members: 0,
    valAuc: 0.84,
    testAuc: 0.83,
    epochs: [60],
    seconds: 1.2,
    params: { maxLeaves: 15, learningRate: 0.1 },
  },
  { name: "mlp", kind: "mlp", members: 0, valAuc: Number.NaN, epochs: [], skipped: "over the time budget" },
];
const stages = [
  { stage: "features (3 dates, 30 rows)", seconds: 0.2 },
  { stage: "candidate lr", seconds: 0.4 },
];

describe("model_versions.metrics", () => {
  it.each<[string, RegistryMetrics]>([
    [
      "database training",
      {
        validation,
        test,
        importance,
        candidates,
        stages,
        active: { version: "v1", metrics: older },
        beatsActive: true,
      },
    ],
    [
      "database training with no active model",
      { validation, test, importance, candidates, stages, active: null, beatsActive: true },
    ],
    ["CSV training", { validation, test, importance, candidates, stages: [], active: null, beatsActive: null }],
  ])("round-trips %s with format 2 (NaN included)", (_case, metrics) => {
    const text = writeRegistryMetrics(metrics);
    expect(JSON.parse(text).formatVersion).toBe(2);
    expect(readRegistryMetrics(text, "v2")).toEqual(metrics);
  });

  // What each writer saved before format 2 (git history of train-from-database.ts, train.ts, promote-model.ts).
  it.each<[string, unknown, Partial<RegistryMetrics>]>([
    [
      "the first database training (no test window; candidates with name and validation AUC)",
      {
        validation,
        importance,
        candidates: [{ name: "lr", valAuc: 0.81 }],
        active: { version: "v1", metrics: older },
        beatsActive: true,
      },
      {
        validation,
        test: null,
        candidates: [{ name: "lr", valAuc: 0.81 }],
        stages: [],
        active: { version: "v1", metrics: older },
        beatsActive: true,
      },
    ],
    [
      "database training with a test window and stages",
      { validation, test, importance, candidates, stages, active: null, beatsActive: true },
      { validation, test, candidates, stages, active: null, beatsActive: true },
    ],
    [
      "CSV training (validation, test and importance only)",
      { validation, test, importance },
      { validation, test, importance, candidates: [], stages: [], active: null, beatsActive: null },
    ],
  ])("reads %s", (_case, old, expected) => {
    expect(readRegistryMetrics(JSON.stringify(old), "v0")).toEqual({ importance, ...expected });
  });

  it.each([
    [
      "{}",
      "model_versions.metrics of v3: expected format 2, found an unversioned value with validation: expected object, received undefined",
    ],
    [
      '{"formatVersion":3,"validation":{}}',
      "model_versions.metrics of v3: expected format 2, found format 3; retrain with `npx retain train`",
    ],
    ["not json", "model_versions.metrics of v3: expected format 2, found text that is not JSON"],
  ])("refuses %s with a message naming the version", (text, message) => {
    expect(() => readRegistryMetrics(text, "v3")).toThrow(
      expect.objectContaining({ code: "DATABASE", message: expect.stringContaining(message) }),
    );
  });

  it("refuses format 2 without a field the writer always writes", () => {
    const { stages: _s, ...saved } = JSON.parse(
      writeRegistryMetrics({ validation, test, importance, candidates, stages, active: null, beatsActive: true }),
    );
    expect(() => readRegistryMetrics(JSON.stringify(saved), "v4")).toThrow(
      "model_versions.metrics of v4: expected format 2, found format 2 with stages: expected array, received undefined",
    );
  });
});
