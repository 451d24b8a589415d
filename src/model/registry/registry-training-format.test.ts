import { describe, expect, it } from "vitest";
import { readRegistryTraining, writeRegistryTraining, type RegistryTraining } from "./registry-training-format.ts";

const fingerprint = { dataFingerprint: "f".repeat(64), seed: 42, backend: "wasm" };
const database: RegistryTraining = {
  source: "database",
  from: "2026-01-05",
  to: "2026-06-01",
  horizonDays: 90,
  stepDays: 7,
  customerSample: 0.5,
  asOf: {
    train: ["2026-01-05", "2026-01-12"],
    validation: ["2026-02-02"],
    test: ["2026-06-01"],
    refit: ["2026-01-05", "2026-01-12", "2026-02-02", "2026-06-01"],
  },
  rows: { train: 400, validation: 200, test: 200, refit: 800 },
  ...fingerprint,
};
const csv: RegistryTraining = { source: "csv", file: "data/telco.csv", evalFile: null, label: "Churn", ...fingerprint };

describe("model_versions.training", () => {
  it.each([
    ["database", database],
    ["csv", csv],
    ["csv with a test file", { ...csv, evalFile: "data/telco-test.csv" }],
  ] as const)("round-trips training from %s with format 2", (_case, training) => {
    const text = writeRegistryTraining(training);
    expect(JSON.parse(text)).toMatchObject({ formatVersion: 2, source: training.source });
    expect(readRegistryTraining(text, { version: "v2", source: training.source })).toEqual(training);
  });

  // What each writer saved before format 2 (git history of train-from-database.ts and train.ts).
  it.each<[string, string, unknown, RegistryTraining]>([
    [
      "the first database training: the window, validation dates, train and validation rows",
      "database",
      {
        from: "2026-01-05",
        to: "2026-02-02",
        validationAsOf: ["2026-02-02"],
        horizonDays: 90,
        asOf: { train: ["2026-01-05"], validation: ["2026-02-02"] },
        rows: { train: 400, validation: 200 },
        ...fingerprint,
      },
      {
        source: "database",
        from: "2026-01-05",
        to: "2026-02-02",
        horizonDays: 90,
        stepDays: null,
        customerSample: 1,
        asOf: { train: ["2026-01-05"], validation: ["2026-02-02"], test: [], refit: [] },
        rows: { train: 400, validation: 200, test: 0, refit: 0 },
        ...fingerprint,
      },
    ],
    [
      "database training with test and refit dates, the window's dates repeated as *AsOf",
      "database",
      {
        from: database.from,
        to: database.to,
        horizonDays: 90,
        stepDays: 7,
        customerSample: 0.5,
        trainAsOf: database.asOf.train,
        validationAsOf: database.asOf.validation,
        testAsOf: database.asOf.test,
        refitAsOf: database.asOf.refit,
        asOf: database.asOf,
        rows: database.rows,
        ...fingerprint,
      },
      database,
    ],
    ["CSV training", "csv", { file: "data/telco.csv", evalFile: null, label: "Churn", ...fingerprint }, csv],
  ])("reads %s", (_case, source, old, expected) => {
    expect(readRegistryTraining(JSON.stringify(old), { version: "v0", source })).toEqual(expected);
  });

  it.each([
    [
      "{}",
      "database",
      "model_versions.training of v3: expected format 2, found an unversioned value with " +
        "dataFingerprint: expected string, received undefined",
    ],
    [
      JSON.stringify({ file: "a.csv", evalFile: null, label: "y", ...fingerprint }),
      "database",
      "model_versions.training of v3: expected format 2, found an unversioned value with from: ",
    ],
    [
      JSON.stringify({ ...database, formatVersion: 2, source: "spreadsheet" }),
      "database",
      "model_versions.training of v3: expected format 2, found format 2 with source: ",
    ],
    [
      JSON.stringify({ ...csv, formatVersion: 1 }),
      "csv",
      "model_versions.training of v3: expected format 2, found format 1; retrain with `npx retain train`",
    ],
  ])("refuses %s (source %s) with a message naming the version", (text, source, message) => {
    expect(() => readRegistryTraining(text, { version: "v3", source })).toThrow(
      expect.objectContaining({ code: "DATABASE", message: expect.stringContaining(message) }),
    );
  });
});
