import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, describe, expect, it } from "vitest";
import { loadModel, saveModel } from "./model-store.ts";
import { syntheticChurnTable } from "./synthetic-churn-table.ts";
import { trainModel } from "./train-model.ts";
import { fastCandidates as testCandidates } from "./fast-candidates.ts";

const modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

describe("saveModel / loadModel", () => {
  it("round-trips to identical predictions and explanations", async () => {
    const table = syntheticChurnTable({ rows: 500, numeric: 4, categorical: 2, seed: 9 });
    const model = await trainModel({ table, label: "churn", candidates: testCandidates, seed: 7, split: { kind: "kfold", folds: 2 } });
    const { version, dir } = await saveModel({ model, modelsDir });
    const loaded = await loadModel(dir);
    try {
      expect(dir).toBe(join(modelsDir, version));
      for (const file of ["metadata.json", "preprocessing.json", "net-0/model.json", "net-0/weights.bin", "net-1/model.json"]) expect(existsSync(join(dir, file))).toBe(true);
      expect(Array.from(loaded.predict(table))).toEqual(Array.from(model.predict(table)));
      const sample = { columns: table.columns, rows: table.rows.slice(0, 5) };
      expect(loaded.explain(sample)).toEqual(model.explain(sample));
      const metadata = JSON.parse(readFileSync(join(dir, "metadata.json"), "utf8"));
      expect(metadata).toMatchObject({ version, seed: 7, backend: "wasm", members: 2, label: { column: "churn", positive: "Yes" } });
      expect(metadata.metrics.validation.curves.roc.length).toBeGreaterThan(2);
      await expect(saveModel({ model, modelsDir })).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      model.dispose();
      loaded.dispose();
    }
    expect(tf.memory().numTensors).toBe(0);
  }, 60_000);

  it("reports a missing version folder as not found", async () => {
    await expect(loadModel(join(modelsDir, "nope"))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
