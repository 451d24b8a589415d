import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, describe, expect, it } from "vitest";
import type { ChurnModel } from "./churn-model.ts";
import { loadModel, saveModel } from "./model-store.ts";
import { createRandom } from "./seeded-random.ts";
import { syntheticChurnTable } from "./synthetic-churn-table.ts";
import { trainModel } from "./train-model.ts";
import { fastCandidates as testCandidates } from "./fast-candidates.ts";
import { ModelKind, type Table } from "./types.ts";

const modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

/**
 * Saves `model`, loads it back and checks the copy predicts `table` and explains `sampleRows` of it
 * like the original; runs `check`, then frees both and checks no tensor is left.
 */
async function roundTrip(
  model: ChurnModel,
  table: Table,
  sampleRows: number,
  check: (loaded: ChurnModel, saved: { version: string; dir: string }) => Promise<void> | void,
) {
  const saved = await saveModel({ model, modelsDir });
  const loaded = await loadModel(saved.dir);
  try {
    await check(loaded, saved);
    expect(Array.from(loaded.predict(table))).toEqual(Array.from(model.predict(table)));
    const sample = { columns: table.columns, rows: table.rows.slice(0, sampleRows) };
    expect(loaded.explain(sample)).toEqual(model.explain(sample));
  } finally {
    model.dispose();
    loaded.dispose();
  }
  expect(tf.memory().numTensors).toBe(0);
  return saved;
}

describe("saveModel / loadModel", () => {
  it("round-trips to identical predictions and explanations", async () => {
    const table = syntheticChurnTable({ rows: 500, numeric: 4, categorical: 2, seed: 9 });
    const model = await trainModel({
      table,
      label: "churn",
      candidates: testCandidates,
      seed: 7,
      split: { kind: "kfold", folds: 2 },
    });
    await roundTrip(model, table, 5, async (_loaded, { version, dir }) => {
      expect(dir).toBe(join(modelsDir, version));
      for (const file of ["metadata.json", "preprocessing.json", "net-0/model.json", "net-0/weights.bin"])
        expect(existsSync(join(dir, file))).toBe(true);
      const metadata = JSON.parse(readFileSync(join(dir, "metadata.json"), "utf8"));
      expect(metadata).toMatchObject({
        version,
        seed: 7,
        backend: "wasm",
        members: 1,
        label: { column: "churn", positive: "Yes" },
      });
      expect(metadata.metrics.validation.curves.roc.length).toBeGreaterThan(2);
      await expect(saveModel({ model, modelsDir })).rejects.toMatchObject({ code: "CONFLICT" });
    });
  }, 60_000);

  it("saves the neighbour vote with the model: it recalls customers repeated with one value changed", async () => {
    // 120 families of 5 near-copies (one column changed each) with a random label per family:
    // only memory of the other copies predicts the label.
    const random = createRandom(3);
    const columns = ["f0", "f1", "f2", "f3", "f4", "f5", "churn"];
    const rows = Array.from({ length: 120 }, () => {
      const base = Array.from({ length: 6 }, () => `v${random.int(6)}`);
      const label = random.next() < 0.3 ? "Yes" : "No";
      return Array.from({ length: 5 }, () => [
        ...base.map((v, j) => (j === random.int(6) ? `v${random.int(6)}` : v)),
        label,
      ]);
    }).flat();
    const table: Table = { columns, rows };
    const candidates = [
      testCandidates[0],
      { name: "knn", kind: ModelKind.Knn, bandwidths: [1, 2], learnWeights: true } as const,
    ];
    const model = await trainModel({ table, label: "churn", candidates, seed: 1, split: { kind: "kfold", folds: 3 } });
    await roundTrip(model, table, 3, (loaded, { dir }) => {
      expect(model.metadata.candidates.map((c) => c.name)).toEqual(
        expect.arrayContaining(["lr", "knn", expect.stringMatching(/^(knn\+lr|lr\+knn)$/)]),
      );
      expect([ModelKind.Knn, ModelKind.Blend]).toContain(model.metadata.kind);
      expect(model.metadata.neighbours).toMatchObject({ rows: 600 });
      expect(model.metadata.metrics.validation.auc).toBeGreaterThan(0.9);
      expect(model.metadata.importance).toHaveLength(6);
      expect(existsSync(join(dir, "neighbours/codes.bin"))).toBe(true);
      expect(loaded.vote?.weights).toEqual(model.vote?.weights); // learned match weights, when out-of-fold AUC kept them
    });
  }, 60_000);

  it("saves the boosted forests with the model, and refuses a trees.json that does not match", async () => {
    const table = syntheticChurnTable({ rows: 1500, numeric: 4, categorical: 2, seed: 5, noise: 0.5 });
    const candidates = [testCandidates[0], { name: "gbdt", kind: ModelKind.Trees, grid: [{ maxTrees: 60 }] } as const];
    const model = await trainModel({ table, label: "churn", candidates, seed: 3, split: { kind: "kfold", folds: 3 } });
    const { dir } = await roundTrip(model, table, 4, () => {
      expect(model.metadata.candidates.map((c) => c.name)).toEqual(
        expect.arrayContaining(["lr", "gbdt", expect.stringMatching(/^(gbdt\+lr|lr\+gbdt)$/)]),
      );
      expect([ModelKind.Trees, ModelKind.Blend]).toContain(model.metadata.kind);
      // Refit on a small table: a bag of one forest per fold (refit-winner.ts).
      expect(model.metadata.trees?.trees).toHaveLength(5);
      expect(model.forests).toHaveLength(5);
    });
    const forests = JSON.parse(readFileSync(join(dir, "trees.json"), "utf8"));
    forests[0].trees[0].feature[0] = 10_000;
    writeFileSync(join(dir, "trees.json"), JSON.stringify(forests));
    await expect(loadModel(dir)).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringContaining("expected 5 forests"),
    });
    writeFileSync(join(dir, "trees.json"), JSON.stringify(forests.slice(1)));
    await expect(loadModel(dir)).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect(tf.memory().numTensors).toBe(0);
  }, 60_000);

  it("loads a metadata.json of the first models' shape, and refuses a format it does not know", async () => {
    const table = syntheticChurnTable({ rows: 300, numeric: 3, categorical: 1, seed: 11 });
    const model = await trainModel({
      table,
      label: "churn",
      candidates: testCandidates.slice(0, 1),
      seed: 5,
      split: { kind: "kfold", folds: 2 },
    });
    const { dir } = await saveModel({ model, modelsDir });
    const file = join(dir, "metadata.json");
    const saved = JSON.parse(readFileSync(file, "utf8"));
    // What Retain wrote before folds, trainPrevalence, refit, stages… existed.
    const {
      folds: _f,
      trainPrevalence: _p,
      chosen: _c,
      refit: _r,
      monotone: _m,
      stages: _s,
      contributions: _x,
      budgetSeconds: _b,
      ...first
    } = saved;
    writeFileSync(
      file,
      JSON.stringify({ ...first, rows: { train: saved.rows.train, validation: saved.rows.validation } }),
    );
    const loaded = await loadModel(dir);
    try {
      expect(Array.from(loaded.predict(table))).toEqual(Array.from(model.predict(table)));
      expect(loaded.metadata.folds).toBeUndefined();
    } finally {
      model.dispose();
      loaded.dispose();
    }
    writeFileSync(file, JSON.stringify({ ...saved, formatVersion: 2 }));
    await expect(loadModel(dir)).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringContaining(`metadata.json in ${dir}: expected format 1, found format 2`),
    });
    writeFileSync(join(dir, "preprocessing.json"), "{");
    writeFileSync(file, JSON.stringify(saved));
    await expect(loadModel(dir)).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringContaining(`preprocessing.json in ${dir}: expected format 1, found text that is not JSON`),
    });
    expect(tf.memory().numTensors).toBe(0);
  }, 60_000);

  it("reports a missing version folder as not found", async () => {
    await expect(loadModel(join(modelsDir, "nope"))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
