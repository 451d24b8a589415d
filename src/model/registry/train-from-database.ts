import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "../../db/index.ts";
import { dayToIsoDate } from "../../db/index.ts";
import { countCustomerDays } from "../../db/repositories/customer-totals.ts";
import { usageSpan } from "../../db/repositories/feature-aggregates.ts";
import { findActiveModelVersion, insertModelVersion } from "../../db/repositories/model-versions.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { LABEL_COLUMN } from "../../features/index.ts";
import { evaluatePredictions, type Metrics } from "../evaluate-predictions.ts";
import type { StageTime } from "../model-metadata.ts";
import type { ChurnModel } from "../churn-model.ts";
import { loadModel, saveModel } from "../model-store.ts";
import { RowRole } from "../row-roles.ts";
import { type CandidateConfig, defaultCandidates } from "../train-candidates.ts";
import { trainModel } from "../train-model.ts";
import { saveTrainingDistribution } from "../training-distribution.ts";
import type { ProgressCallback, Table } from "../types.ts";
import { customerSample, planSnapshots } from "./plan-snapshots.ts";
import { writeRegistryMetrics } from "./registry-metrics-format.ts";
import { writeRegistryTraining } from "./registry-training-format.ts";
import { catalogueDirections, snapshotTable } from "./snapshot-table.ts";

/** Seconds `retain train` may spend by default: the demo world trains in seconds, a large database samples customers. */
export const DEFAULT_TRAIN_BUDGET = 30;

export interface TrainingReport {
  version: string;
  dir: string;
  kind: string;
  chosen: string;
  threshold: number;
  rows: { train: number; validation: number; test: number; refit: number };
  asOf: { train: string[]; validation: string[]; test: string[]; refit: string[] };
  /** Share of customers sampled to fit the budget (1 = all). */
  customerSample: number;
  metrics: Metrics;
  /** Metrics on the untouched test window: what promotion and the model page compare. */
  test: Metrics;
  candidates: { name: string; valAuc: number; testAuc?: number; seconds?: number; skipped?: string }[];
  stages: StageTime[];
  /** The active model on the same test rows, when there is one trained from the database. */
  active: { version: string; metrics: Metrics } | null;
  beatsActive: boolean;
}

/**
 * Trains a candidate from the database: point-in-time snapshots at every `stepDays` (weekly by
 * default) built in one pass, training / validation / test windows in time order, the chosen
 * pipeline refit on every labelled date; saves it with its evaluation report, registers it, and
 * compares it with the active model on the same test rows.
 */
export async function trainFromDatabase(options: {
  db: Database;
  modelsDir: string;
  horizonDays?: number;
  stepDays?: number;
  seed?: number;
  backend?: string;
  budgetSeconds?: number;
  onStage?: (stage: StageTime) => void;
  onProgress?: ProgressCallback;
  candidates?: readonly CandidateConfig[];
  /** Feature columns left out (to train a challenger without them, or to measure what one is worth). */
  excludeFeatures?: readonly string[];
}): Promise<TrainingReport> {
  const { db, modelsDir, horizonDays = 90, stepDays = 7, seed = 42, budgetSeconds = DEFAULT_TRAIN_BUDGET } = options;
  const span = await usageSpan(db);
  if (span.first === null || span.last === null)
    throw new AppError(
      ErrorCode.BadInput,
      "no usage data to train on: import usage.csv first (or run `npx retain demo`)",
    );
  const plan = planSnapshots({ first: span.first, last: span.last, horizonDays, stepDays });
  const sample = customerSample({ rows: await countCustomerDays(db, plan.all), budgetSeconds });
  const started = performance.now();
  const { table, asOfDay, metrics } = await snapshotTable({
    db,
    asOfDays: plan.all,
    horizonDays,
    dataEndDay: span.last,
    usageStartDay: span.first,
    sampleFraction: sample,
    seed,
  });
  const features: StageTime = {
    stage: `features (${plan.all.length} dates, ${table.rows.length} rows)`,
    seconds: (performance.now() - started) / 1000,
  };
  options.onStage?.(features);
  const roleOf = new Map<number, number>([
    ...plan.train.map((d) => [d, RowRole.Train]),
    ...plan.validation.map((d) => [d, RowRole.Validation]),
    ...plan.test.map((d) => [d, RowRole.Test]),
  ] as [number, number][]);
  const roles = Int8Array.from(asOfDay, (d) => roleOf.get(d) ?? RowRole.RefitOnly);
  const iso = (days: number[]) => days.map(dayToIsoDate);
  let chosen: ChurnModel | null = null;
  const model = await trainModel({
    table,
    label: LABEL_COLUMN,
    positive: "1",
    exclude: ["customer_id", "as_of", ...(options.excludeFeatures ?? [])],
    onChosenModel: (m) => {
      chosen = m;
    },
    roles,
    seed,
    backend: options.backend,
    candidates: options.candidates,
    budgetSeconds,
    directions: catalogueDirections(metrics),
    stages: [features],
    onProgress: options.onProgress,
    trainingWindow: {
      from: dayToIsoDate(plan.all[0]),
      to: dayToIsoDate(plan.all.at(-1)!),
      horizonDays,
      stepDays,
      customerSample: sample,
      trainAsOf: iso(plan.train),
      validationAsOf: iso(plan.validation),
      testAsOf: iso(plan.test),
      refitAsOf: iso(plan.all),
    },
  });
  try {
    for (const s of model.metadata.stages?.slice(1) ?? []) options.onStage?.(s);
    const { validation, test } = model.metadata.metrics;
    if (!test) throw new Error("expected test metrics from the test window");
    const testTable = pickRows(table, roles, RowRole.Test);
    const active = await evaluateActive(db, testTable, options.backend);
    const { version, dir } = await saveModel({ model, modelsDir });
    // The pipeline before its refit: what promotion compares (it has not seen the test window).
    if (chosen) await saveModel({ model: chosen, modelsDir: dir });
    const m = model.metadata;
    const report: TrainingReport = {
      version,
      dir,
      kind: m.kind,
      chosen: m.chosen ?? m.kind,
      threshold: m.threshold.value,
      rows: { train: m.rows.train, validation: m.rows.validation, test: m.rows.test ?? 0, refit: m.rows.refit ?? 0 },
      asOf: { train: iso(plan.train), validation: iso(plan.validation), test: iso(plan.test), refit: iso(plan.all) },
      customerSample: sample,
      metrics: validation,
      test,
      candidates: m.candidates.map((c) => ({
        name: c.name,
        valAuc: c.valAuc,
        testAuc: c.testAuc,
        seconds: c.seconds,
        skipped: c.skipped,
      })),
      stages: m.stages ?? [],
      active,
      beatsActive: !active || test.auc > active.metrics.auc,
    };
    try {
      writeFileSync(join(dir, "evaluation.json"), JSON.stringify(report, null, 1));
      await saveTrainingDistribution({ dir, table, roles, model, trainAsOf: report.asOf.train }); // for drift (PSI)
      await insertModelVersion(db, {
        version,
        kind: report.kind,
        source: "database",
        createdAt: new Date(m.createdAt),
        threshold: report.threshold,
        dir,
        metrics: writeRegistryMetrics({
          validation,
          test,
          importance: m.importance,
          candidates: m.candidates,
          stages: report.stages,
          active,
          beatsActive: report.beatsActive,
        }),
        training: writeRegistryTraining({
          source: "database",
          from: dayToIsoDate(plan.all[0]),
          to: dayToIsoDate(plan.all.at(-1)!),
          horizonDays,
          stepDays,
          customerSample: sample,
          asOf: report.asOf,
          rows: report.rows,
          dataFingerprint: m.dataFingerprint,
          seed,
          backend: m.backend,
          settings: {
            candidates: [...(options.candidates ?? defaultCandidates)],
            budgetSeconds,
            excludeFeatures: [...(options.excludeFeatures ?? [])],
          },
        }),
      });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true }); // no model folder without its registry row
      throw error;
    }
    return report;
  } finally {
    model.dispose();
    (chosen as ChurnModel | null)?.dispose();
  }
}

function pickRows(table: Table, roles: Int8Array, role: number): Table {
  return { columns: table.columns, rows: table.rows.filter((_, i) => roles[i] === role) };
}

/**
 * The active database-trained model's metrics on these (test-window) rows; null when there is
 * none, or when it was trained on other feature columns (an older Retain) and cannot score them.
 */
export async function evaluateActive(db: Database, rows: Table, backend?: string): Promise<TrainingReport["active"]> {
  const record = await findActiveModelVersion(db);
  if (record?.source !== "database") return null;
  const active = await loadModel(record.dir, { backend });
  try {
    if (active.preprocessing.features.some((f) => !rows.columns.includes(f.name))) return null;
    const labelAt = rows.columns.indexOf(LABEL_COLUMN);
    const y = rows.rows.map((r) => Number(r[labelAt]));
    const p = active.predict(rows);
    return { version: record.version, metrics: evaluatePredictions(y, p, { threshold: record.threshold }) };
  } finally {
    active.dispose();
  }
}
