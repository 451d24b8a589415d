import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "csv-stringify/sync";
import { readCsvTable, resolveLabels, stratifiedSplit, trainFromCsv, trainModel } from "../../src/model/index.ts";
import { syntheticChurnTable } from "../../src/model/synthetic-churn-table.ts";

/** A dataset with its label and the required test ROC-AUC (reference: scikit-learn on the same kind of split). */
export const qualityDatasets = [
  { name: "telco", label: "Churn", target: 0.845, reference: "LogisticRegression 0.842" },
  { name: "cell2cell", label: "Churn", target: 0.675, reference: "HistGradientBoosting 0.673" },
  { name: "bank_churn_modelling", label: "Exited", target: 0.86, reference: "HistGradientBoosting 0.858" },
  { name: "ecommerce", label: "Churn", target: 0.99, reference: "XGBoost 0.999" },
] as const;

export interface QualityResult {
  name: string;
  trainRows: number;
  testRows: number;
  features: number;
  auc: number;
  prAuc?: number;
  lift10?: number;
  kind: string;
  target?: number;
  reference?: string;
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  /** Training rows × raw feature columns per wall-clock second of training. */
  cellsPerSecond: number;
}

const datasetsDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/datasets");

function measure() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => ({
    seconds: (performance.now() - wall) / 1000,
    cpuSeconds: (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6,
  });
}

/** Splits one dataset 80/20 (stratified, seed 42) into temporary CSVs and trains/tests on them. */
export async function runQualityCase(name: string): Promise<QualityResult> {
  const dataset = qualityDatasets.find((d) => d.name === name);
  if (!dataset) throw new Error(`unknown dataset ${name}`);
  const { table } = await readCsvTable(join(datasetsDir, `${name}.csv`));
  const j = table.columns.indexOf(dataset.label);
  const { y } = resolveLabels(
    table.rows.map((r) => r[j]),
    { column: dataset.label },
  );
  const split = stratifiedSplit({ y, fraction: 0.2, seed: 42 });
  const dir = mkdtempSync(join(tmpdir(), "retain-quality-"));
  try {
    const write = (file: string, rows: Int32Array) =>
      writeFileSync(join(dir, file), stringify([table.columns, ...Array.from(rows, (i) => table.rows[i])]));
    write("train.csv", split.train);
    write("test.csv", split.holdout);
    const done = measure();
    const result = await trainFromCsv({
      file: join(dir, "train.csv"),
      evalFile: join(dir, "test.csv"),
      label: dataset.label,
      seed: 42,
      modelsDir: join(dir, "models"),
    });
    const time = done();
    const features = table.columns.length - 1;
    const m = result.metrics;
    return {
      name,
      trainRows: split.train.length,
      testRows: split.holdout.length,
      features,
      auc: m.auc,
      prAuc: m.prAuc,
      lift10: m.lift10,
      kind: result.kind,
      target: dataset.target,
      reference: dataset.reference,
      ...time,
      peakMb: process.resourceUsage().maxRSS / 1024,
      cellsPerSecond: (split.train.length * features) / time.seconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Trains on a synthetic 360,000 × 60 table (the size of a database training run) to measure speed. */
export async function runSpeedCase(): Promise<QualityResult> {
  const table = syntheticChurnTable({ rows: 360_000 });
  const done = measure();
  const model = await trainModel({ table, label: "churn", seed: 42, budgetSeconds: 30 });
  const time = done();
  const features = table.columns.length - 1;
  const { metadata } = model;
  model.dispose();
  return {
    name: "synthetic 360k×60",
    trainRows: metadata.rows.train,
    testRows: metadata.rows.validation,
    features,
    auc: metadata.metrics.validation.auc,
    kind: metadata.kind,
    ...time,
    peakMb: process.resourceUsage().maxRSS / 1024,
    cellsPerSecond: (table.rows.length * features) / time.seconds,
  };
}
