import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "../../db/index.ts";
import { dayToIsoDate } from "../../db/index.ts";
import { usageSpan } from "../../db/repositories/feature-aggregates.ts";
import { findActiveModelVersion, insertModelVersion } from "../../db/repositories/model-versions.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { buildFeatureFrame, flattenFeatureRow, LABEL_COLUMN } from "../../features/index.ts";
import { evaluatePredictions, type Metrics } from "../evaluate-predictions.ts";
import { loadModel, saveModel } from "../model-store.ts";
import type { CandidateConfig } from "../train-candidates.ts";
import { trainModel } from "../train-model.ts";
import type { ProgressCallback, RawValue, Table } from "../types.ts";

/** Days of usage a customer needs before an as-of date for its windows (30 + previous 30). */
const WARMUP_DAYS = 60;

export interface TrainingReport {
  version: string;
  dir: string;
  kind: string;
  threshold: number;
  rows: { train: number; validation: number };
  asOf: { train: string[]; validation: string[] };
  metrics: Metrics;
  candidates: { name: string; valAuc: number }[];
  /** The active model on the same validation rows, when there is one trained from the database. */
  active: { version: string; metrics: Metrics } | null;
  beatsActive: boolean;
}

/**
 * The as-of dates for database training: every `stepDays` back from the last day whose
 * horizon has passed. The latest ~20 % are held out for validation, and training uses only
 * dates whose labels were known before the first validation date (no look-ahead).
 */
export function planAsOfDates(options: { first: number; last: number; horizonDays: number; stepDays: number }): { train: number[]; validation: number[] } {
  const { first, last, horizonDays, stepDays } = options;
  const all: number[] = [];
  for (let d = last - horizonDays; d >= first + WARMUP_DAYS; d -= stepDays) all.unshift(d);
  const nValidation = Math.max(1, Math.round(all.length * 0.2));
  const validation = all.slice(-nValidation);
  const train = all.filter((d) => d + horizonDays <= validation[0]);
  if (train.length < 2) {
    const need = WARMUP_DAYS + 2 * horizonDays + 2 * stepDays;
    throw new AppError(ErrorCode.BadInput, `not enough history to train: expected at least ${need} days of usage (warm-up, two horizons of ${horizonDays} days and two steps), found ${last - first + 1}`);
  }
  return { train, validation };
}

export async function frameTable(db: Database, days: number[], horizonDays: number, dataEndDay: number, onDay?: (d: number) => void): Promise<Table> {
  let columns: string[] = [];
  const rows: RawValue[][] = [];
  for (const asOfDay of days) {
    const frame = await buildFeatureFrame({ db, asOfDay, horizonDays, dataEndDay });
    columns = frame.columns;
    for (const r of frame.rows) {
      if (r.label === null) continue;
      const flat = flattenFeatureRow(r);
      rows.push(columns.map((c) => flat[c] as RawValue));
    }
    onDay?.(asOfDay);
  }
  return { columns, rows };
}

/**
 * Trains a candidate from the database (point-in-time frames at many as-of dates, temporal
 * validation), saves it to `<modelsDir>/<version>/` with its evaluation report, registers it,
 * and compares it with the active model on the same validation rows.
 */
export async function trainFromDatabase(options: {
  db: Database;
  modelsDir: string;
  horizonDays?: number;
  stepDays?: number;
  seed?: number;
  backend?: string;
  onFrame?: (asOf: string) => void;
  onProgress?: ProgressCallback;
  /** Model families to try (default: logistic regression and an MLP ensemble). */
  candidates?: readonly CandidateConfig[];
}): Promise<TrainingReport> {
  const { db, modelsDir, horizonDays = 90, stepDays = 30, seed = 42 } = options;
  const span = await usageSpan(db);
  if (span.first === null || span.last === null) throw new AppError(ErrorCode.BadInput, "no usage data to train on: import usage.csv first (or run `npx retain demo`)");
  const plan = planAsOfDates({ first: span.first, last: span.last, horizonDays, stepDays });
  const onDay = (d: number) => options.onFrame?.(dayToIsoDate(d));
  const train = await frameTable(db, plan.train, horizonDays, span.last, onDay);
  const validation = await frameTable(db, plan.validation, horizonDays, span.last, onDay);
  const table: Table = { columns: train.columns, rows: [...train.rows, ...validation.rows] };
  const isValidation = table.rows.map((_, i) => i >= train.rows.length);
  const model = await trainModel({
    table,
    label: LABEL_COLUMN,
    positive: "1",
    exclude: ["customer_id", "as_of"],
    split: { kind: "mask", validation: isValidation },
    seed,
    backend: options.backend,
    candidates: options.candidates,
    trainingWindow: {
      from: dayToIsoDate(plan.train[0]),
      to: dayToIsoDate(plan.validation.at(-1)!),
      validationAsOf: plan.validation.map(dayToIsoDate),
      horizonDays,
    },
    onProgress: options.onProgress,
  });
  try {
    const metrics = model.metadata.metrics.validation;
    const active = await evaluateActive(db, validation, options.backend);
    const { version, dir } = await saveModel({ model, modelsDir });
    const report: TrainingReport = {
      version, dir, kind: model.metadata.kind, threshold: model.metadata.threshold.value,
      rows: { train: train.rows.length, validation: validation.rows.length },
      asOf: { train: plan.train.map(dayToIsoDate), validation: plan.validation.map(dayToIsoDate) },
      metrics,
      candidates: model.metadata.candidates.map((c) => ({ name: c.name, valAuc: c.valAuc })),
      active,
      beatsActive: !active || metrics.auc > active.metrics.auc,
    };
    try {
      writeFileSync(join(dir, "evaluation.json"), JSON.stringify(report, null, 1));
      await insertModelVersion(db, {
        version, kind: report.kind, source: "database", createdAt: new Date(model.metadata.createdAt), threshold: report.threshold, dir,
        metrics: JSON.stringify({ validation: metrics, importance: model.metadata.importance, candidates: report.candidates, active, beatsActive: report.beatsActive }),
        training: JSON.stringify({ ...model.metadata.trainingWindow, asOf: report.asOf, rows: report.rows, dataFingerprint: model.metadata.dataFingerprint, seed, backend: model.metadata.backend }),
      });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true }); // no model folder without its registry row
      throw error;
    }
    return report;
  } finally {
    model.dispose();
  }
}

/** The active database-trained model's metrics on these validation rows. */
export async function evaluateActive(db: Database, validation: Table, backend?: string): Promise<TrainingReport["active"]> {
  const record = await findActiveModelVersion(db);
  if (!record || record.source !== "database") return null;
  const active = await loadModel(record.dir, { backend });
  try {
    const labelAt = validation.columns.indexOf(LABEL_COLUMN);
    const y = validation.rows.map((r) => Number(r[labelAt]));
    const p = active.predict(validation);
    return { version: record.version, metrics: evaluatePredictions(y, p, { threshold: record.threshold }) };
  } finally {
    active.dispose();
  }
}
