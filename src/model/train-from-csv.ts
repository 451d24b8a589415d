import { readCsvTable } from "./read-csv-table.ts";
import { evaluateTable } from "./evaluate-table.ts";
import type { Metrics } from "./evaluate-predictions.ts";
import { saveModel } from "./model-store.ts";
import { resolveLabels } from "./resolve-label.ts";
import { stratifiedSplit } from "./split-rows.ts";
import type { CandidateConfig } from "./train-candidates.ts";
import { trainModel } from "./train-model.ts";
import type { ModelMetadata } from "./model-metadata.ts";
import type { ModelKind, ProgressCallback, Table } from "./types.ts";

export interface TrainFromCsvOptions {
  file: string;
  label: string;
  positive?: string;
  id?: string;
  /** Labelled CSV for the test metrics; without it a stratified 20% of `file` is held out. */
  evalFile?: string;
  seed?: number;
  modelsDir: string;
  onProgress?: ProgressCallback;
  /** Preferred TF backend (from config). */
  backend?: string;
  candidates?: readonly CandidateConfig[];
  /** Seconds training may spend choosing (default DEFAULT_CSV_BUDGET). */
  budgetSeconds?: number;
}

/** Seconds a flat table's training may spend choosing by default: every shared dataset trains in under 10 s. */
export const DEFAULT_CSV_BUDGET = 8;

export interface TrainFromCsvResult {
  version: string;
  dir: string;
  kind: ModelKind;
  /** Metrics on the test data (evalFile or the held-out split). */
  metrics: Metrics;
  validation: Metrics;
  /** What was saved with the model (the CLI registers it without reading it back). */
  metadata: ModelMetadata;
}

/** Trains a churn model on a flat CSV, tests it, saves it to `<modelsDir>/<version>/`. */
export async function trainFromCsv(options: TrainFromCsvOptions): Promise<TrainFromCsvResult> {
  const {
    file,
    label,
    positive,
    id,
    evalFile,
    seed = 42,
    modelsDir,
    onProgress,
    backend,
    candidates,
    budgetSeconds = DEFAULT_CSV_BUDGET,
  } = options;
  const source = await readCsvTable(file);
  let train: Table = source.table;
  let test: Table;
  if (evalFile) test = (await readCsvTable(evalFile)).table;
  else {
    const j = source.table.columns.indexOf(label);
    const { y, missing } = resolveLabels(j < 0 ? [] : source.table.rows.map((r) => r[j]), { positive, column: label });
    const labelled = new Set(missing);
    const split = stratifiedSplit({ y: y.map((v, i) => (labelled.has(i) ? -1 : v)), fraction: 0.2, seed: seed + 1 });
    train = { columns: source.table.columns, rows: Array.from(split.train, (i) => source.table.rows[i]) };
    test = { columns: source.table.columns, rows: Array.from(split.holdout, (i) => source.table.rows[i]) };
  }
  const model = await trainModel({
    table: train,
    label,
    positive,
    id,
    seed,
    onProgress,
    backend,
    candidates,
    budgetSeconds,
    fingerprint: source.sha256,
  });
  try {
    const metrics = evaluateTable({ model, table: test, label });
    model.metadata.metrics.test = metrics;
    model.metadata.rows.test = metrics.rows;
    const { version, dir } = await saveModel({ model, modelsDir });
    return {
      version,
      dir,
      kind: model.metadata.kind,
      metrics,
      validation: model.metadata.metrics.validation,
      metadata: model.metadata,
    };
  } finally {
    model.dispose();
  }
}
