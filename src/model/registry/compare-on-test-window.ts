import type { Database } from "../../db/index.ts";
import { isoDateToDay } from "../../db/index.ts";
import { usageSpan } from "../../db/repositories/feature-aggregates.ts";
import { listModelVersions, type ModelVersionRecord } from "../../db/repositories/model-versions.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { LABEL_COLUMN } from "../../features/index.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadModel } from "../model-store.ts";
import { CHOSEN_MODEL_DIR } from "../train-model.ts";
import { pairedAucBootstrap, type PairedAucInterval } from "../paired-auc-bootstrap.ts";
import { brierScore, logLoss } from "../probability-scores.ts";
import { rocAuc } from "../roc-auc.ts";
import type { Table } from "../types.ts";
import { readRegistryTraining } from "./registry-training-format.ts";
import { snapshotTable } from "./snapshot-table.ts";

/** One model's scores on the comparison rows. */
export interface ModelOnRows {
  version: string;
  auc: number;
  logLoss: number;
  brier: number;
}

/** A candidate and the active model on the same rows: the candidate's untouched test window. */
export interface Comparison {
  /** The version whose test window the rows are. */
  window: string;
  dates: string[];
  rows: number;
  candidate: ModelOnRows;
  active: ModelOnRows;
  /** AUC(candidate) − AUC(active), with its paired bootstrap 95 % interval. */
  auc: PairedAucInterval;
  /** logLoss(candidate) − logLoss(active): above 0 is worse. */
  logLossDifference: number;
  /** Comparison dates within one horizon of the active model's training dates (their labels overlap what it learnt). */
  activeSawDates: number;
  /** Every other database-trained version that can score these rows, for the version history. */
  others: ModelOnRows[];
}

/** How many older versions the history scores on the comparison rows (newest first). */
const HISTORY_VERSIONS = 10;

/**
 * Scores the candidate and the active model on the candidate's test-window rows, rebuilt point in
 * time as training built them (same dates, customer sample and seed). Each side is its version's
 * chosen pipeline before the refit (`<dir>/chosen`): the refit of either may have learnt these very
 * rows, the chosen pipelines saw only their training dates. Null when the active model cannot be
 * scored on them (trained by an older Retain: other feature columns, or no chosen pipeline saved).
 */
export async function compareOnTestWindow(options: {
  db: Database;
  candidate: ModelVersionRecord;
  active: ModelVersionRecord;
  resamples?: number;
  backend?: string;
}): Promise<Comparison | null> {
  const { db, candidate, active, backend } = options;
  const training = readRegistryTraining(candidate.training, candidate);
  if (training.source !== "database" || training.asOf.test.length === 0)
    throw new AppError(
      ErrorCode.Conflict,
      `model ${candidate.version} cannot be compared: expected a test window of dates trained from the database, ` +
        `found ${training.source === "database" ? "none" : "a CSV-trained model"}; retrain it with \`retain train\``,
    );
  const { last } = await usageSpan(db);
  const { table } = await snapshotTable({
    db,
    asOfDays: training.asOf.test.map(isoDateToDay),
    horizonDays: training.horizonDays,
    dataEndDay: last ?? 0,
    sampleFraction: training.customerSample,
    seed: training.seed,
  });
  const rows = labelledRows(table);
  if (rows.y.length === 0 || !rows.y.includes(1) || !rows.y.includes(0))
    throw new AppError(
      ErrorCode.Conflict,
      `model ${candidate.version} cannot be compared: expected test-window rows with churned and retained ` +
        `customers, found ${rows.y.length} rows`,
    );
  const candidateScores = await scoreModel(candidate, rows.table, backend);
  if (!candidateScores)
    throw new AppError(
      ErrorCode.Conflict,
      `model ${candidate.version} cannot be compared: expected its chosen pipeline in ${join(candidate.dir, CHOSEN_MODEL_DIR)} ` +
        "(saved by `retain train` since the promotion rule), found none; retrain it, or promote it with --force",
    );
  const activeScores = await scoreModel(active, rows.table, backend);
  if (!activeScores) return null;
  const activeTraining = readRegistryTraining(active.training, active);
  const learnt = activeTraining.source === "database" ? activeTraining.asOf.train.map(isoDateToDay) : [];
  const lastLearnt = learnt.length ? Math.max(...learnt) : Number.NEGATIVE_INFINITY;
  const others: ModelOnRows[] = [];
  const history = (await listModelVersions(db))
    .filter((r) => r.source === "database" && r.version !== candidate.version && r.version !== active.version)
    .slice(0, HISTORY_VERSIONS);
  for (const record of history) {
    const p = await scoreModel(record, rows.table, backend).catch(() => null);
    if (p) others.push(onRows(record.version, rows.y, p));
  }
  const candidateOn = onRows(candidate.version, rows.y, candidateScores);
  const activeOn = onRows(active.version, rows.y, activeScores);
  return {
    window: candidate.version,
    dates: training.asOf.test,
    rows: rows.y.length,
    candidate: candidateOn,
    active: activeOn,
    auc: pairedAucBootstrap({ y: rows.y, a: candidateScores, b: activeScores, resamples: options.resamples }),
    logLossDifference: candidateOn.logLoss - activeOn.logLoss,
    activeSawDates: training.asOf.test.filter((d) => isoDateToDay(d) < lastLearnt + training.horizonDays).length,
    others,
  };
}

function onRows(version: string, y: ArrayLike<number>, p: ArrayLike<number>): ModelOnRows {
  return { version, auc: rocAuc(y, p), logLoss: logLoss(y, p), brier: brierScore(y, p) };
}

/** The rebuilt rows whose outcome is known. */
function labelledRows(table: Table) {
  const labelAt = table.columns.indexOf(LABEL_COLUMN);
  const kept: Table["rows"] = [];
  const y: number[] = [];
  for (const row of table.rows) {
    const label = row[labelAt];
    if (label === null || label === undefined || label === "") continue;
    kept.push(row);
    y.push(Number(label));
  }
  return { table: { columns: table.columns, rows: kept }, y };
}

/** A version's chosen pipeline's probabilities on the rows; null when it has none saved or other feature columns. */
async function scoreModel(record: ModelVersionRecord, table: Table, backend?: string): Promise<Float32Array | null> {
  const dir = join(record.dir, CHOSEN_MODEL_DIR);
  if (!existsSync(dir)) return null;
  const model = await loadModel(dir, { backend });
  try {
    if (model.preprocessing.features.some((f) => !table.columns.includes(f.name))) return null;
    return Float32Array.from(model.predict(table));
  } finally {
    model.dispose();
  }
}
