import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterAll, describe, expect, it } from "vitest";
import { evaluateCsv } from "./evaluate-csv.ts";
import { syntheticChurnTable } from "./synthetic-churn-table.ts";
import { trainFromCsv } from "./train-from-csv.ts";
import { fastCandidates as testCandidates } from "./fast-candidates.ts";

const dir = mkdtempSync(join(tmpdir(), "retain-csv-train-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("trainFromCsv / evaluateCsv", () => {
  it("trains with a held-out test split, saves, and evaluates a CSV with the saved model", async () => {
    const table = syntheticChurnTable({ rows: 800, numeric: 3, categorical: 1, seed: 11 });
    const file = join(dir, "customers.csv");
    writeFileSync(file, stringify([["customer_id", ...table.columns], ...table.rows.map((r, i) => [`id-${i}`, ...r])]));
    const epochs: number[] = [];
    const result = await trainFromCsv({
      file,
      label: "churn",
      id: "customer_id",
      modelsDir: join(dir, "models"),
      candidates: testCandidates,
      onProgress: (p) => epochs.push(p.epoch),
    });
    expect(epochs.length).toBeGreaterThan(0);
    expect(result.metrics.rows).toBe(160);
    expect(result.metrics.auc).toBeGreaterThan(0.65);
    for (const key of ["prAuc", "brier", "logLoss", "lift10", "precision", "recall"] as const)
      expect(Number.isFinite(result.metrics[key])).toBe(true);
    const metrics = await evaluateCsv({ modelDir: result.dir, file });
    expect(metrics.rows).toBe(800);
    expect(metrics.threshold).toBe(result.metrics.threshold);
  }, 120_000);
});
