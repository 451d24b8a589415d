import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChurnModel } from "./churn-model.ts";
import { fastCandidates } from "./fast-candidates.ts";
import type { ModelMetadata } from "./model-metadata.ts";
import { readModelMetadata, writeModelMetadata } from "./model-metadata-format.ts";
import { readPreprocessing, writePreprocessing } from "./preprocessing-format.ts";
import { syntheticChurnTable } from "./synthetic-churn-table.ts";
import { trainModel } from "./train-model.ts";
import { ModelKind } from "./types.ts";

let model: ChurnModel;

beforeAll(async () => {
  const table = syntheticChurnTable({ rows: 400, numeric: 3, categorical: 2, seed: 4 });
  const candidates = [fastCandidates[0], { name: "gbdt", kind: ModelKind.Trees, grid: [{ maxTrees: 20 }] } as const];
  model = await trainModel({ table, label: "churn", candidates, seed: 2, split: { kind: "kfold", folds: 2 } });
}, 60_000);

afterAll(() => {
  model.dispose();
  expect(tf.memory().numTensors).toBe(0);
});

/** The metadata.json the first registry models wrote (Retain of 2026-11-24 00:57): no folds, prevalence, trees, stages… */
function firstModelsShape(saved: Record<string, unknown>): Record<string, unknown> {
  const old: Record<string, unknown> = { ...saved, rows: { train: 300, validation: 100 } };
  for (const key of [
    "chosen",
    "treeParams",
    "neighbours",
    "trees",
    "refit",
    "monotone",
    "budgetSeconds",
    "stages",
    "folds",
    "trainPrevalence",
    "contributions",
  ])
    delete old[key];
  return old;
}

describe("metadata.json", () => {
  it("round-trips what training produced, NaN included, with format 1", () => {
    const metadata: ModelMetadata = {
      ...model.metadata,
      metrics: {
        ...model.metadata.metrics,
        validation: { ...model.metadata.metrics.validation, prevalence: Number.NaN },
      },
    };
    const text = writeModelMetadata(metadata);
    expect(JSON.parse(text)).toMatchObject({ formatVersion: 1, version: metadata.version, kind: metadata.kind });
    expect(readModelMetadata(text, "/models/x")).toEqual(metadata);
    expect(readModelMetadata(text, "/models/x").metrics.validation.prevalence).toBeNaN();
  });

  it("reads the shape of the first models, without the fields added since", () => {
    const old = firstModelsShape(JSON.parse(writeModelMetadata(model.metadata)));
    const read = readModelMetadata(JSON.stringify(old), "/models/old");
    expect(read).toMatchObject({
      version: model.metadata.version,
      calibration: model.metadata.calibration,
      rows: { train: 300, validation: 100 },
    });
    expect(read.folds).toBeUndefined();
    expect(read.trainPrevalence).toBeUndefined();
  });

  it.each([
    [
      "an unknown format version",
      (m: Record<string, unknown>) => ({ ...m, formatVersion: 2 }),
      "metadata.json in /models/x: expected format 1, found format 2; retrain with `npx retain train`",
    ],
    [
      "no format version",
      ({ formatVersion: _v, ...m }: Record<string, unknown>) => m,
      "metadata.json in /models/x: expected format 1, found a value without a format version",
    ],
    [
      "a calibrator of unknown kind",
      (m: Record<string, unknown>) => ({ ...m, calibration: { kind: "beta", a: 1 } }),
      "found format 1 with calibration.kind: ",
    ],
    [
      "a negative member count",
      (m: Record<string, unknown>) => ({ ...m, members: -1 }),
      "found format 1 with members: ",
    ],
  ])("refuses %s, saying what was expected and found", (_case, corrupt, message) => {
    const text = JSON.stringify(corrupt(JSON.parse(writeModelMetadata(model.metadata))));
    expect(() => readModelMetadata(text, "/models/x")).toThrow(
      expect.objectContaining({ code: "BAD_INPUT", message: expect.stringContaining(message) }),
    );
  });
});

describe("preprocessing.json", () => {
  it("round-trips the fitted encoding with format 1", () => {
    const text = writePreprocessing(model.preprocessing);
    expect(JSON.parse(text).formatVersion).toBe(1);
    expect(readPreprocessing(text, "/models/x")).toEqual(model.preprocessing);
  });

  it.each([
    [
      "an unknown format version",
      (s: Record<string, unknown>) => ({ ...s, formatVersion: 7 }),
      "preprocessing.json in /models/x: expected format 1, found format 7",
    ],
    [
      "offsets that do not end at the width",
      (s: Record<string, unknown>) => ({ ...s, width: 1_000 }),
      "found format 1 with offsets: expected one offset per feature and a last offset equal to width",
    ],
    [
      "a feature of unknown type",
      (s: { features: unknown[] }) => ({ ...s, features: [{ name: "x", type: "date" }, ...s.features.slice(1)] }),
      "found format 1 with features[0].type: ",
    ],
  ])("refuses %s", (_case, corrupt, message) => {
    const text = JSON.stringify(corrupt(JSON.parse(writePreprocessing(model.preprocessing))));
    expect(() => readPreprocessing(text, "/models/x")).toThrow(
      expect.objectContaining({ code: "BAD_INPUT", message: expect.stringContaining(message) }),
    );
  });
});
