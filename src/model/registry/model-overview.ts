import {
  findModelVersion,
  listModelEvents,
  listModelVersions,
  type Database,
  type ModelVersionRecord,
} from "../../db/index.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { featureLabel } from "../../features/index.ts";
import type { Metrics, ScoreSet } from "../evaluate-predictions.ts";
import type { Comparison } from "./compare-on-test-window.ts";
import { readModelVersion, type ModelVersion } from "./read-model-version.ts";
import type { RegistryCandidate, RegistryMetrics } from "./registry-metrics-format.ts";
import type { RegistryTraining } from "./registry-training-format.ts";

/** Headline scores of a version on one set of rows (null when its metrics lack one). */
export interface ModelScores {
  auc: number | null;
  prAuc: number | null;
  brier: number | null;
  lift10: number | null;
  ece: number | null;
  precision: number | null;
  recall: number | null;
  rows: number | null;
  prevalence: number | null;
}

export interface ModelSummary {
  version: string;
  kind: string;
  status: string;
  source: string;
  createdAt: Date;
  promotedAt: Date | null;
  threshold: number;
  validation: ModelScores;
  /** Scores on the untouched test window (what versions are compared on); null for older versions. */
  test: ModelScores | null;
  training: RegistryTraining;
}

export interface ModelDetail extends ModelSummary {
  curves: Metrics["curves"];
  /** Largest first; `label` is a short name for people (a CSV-trained version keeps its column names). */
  importance: { feature: string; label: string; importance: number }[];
  /** The naive baseline (always the training churn rate) on the rows the curves are from. */
  baseline: ScoreSet;
  /** The naive baseline on each set of rows, to show beside the version's scores. */
  baselines: { validation: ScoreSet; test: ScoreSet | null };
  candidates: RegistryCandidate[];
  /** The active model's scores on the same validation data, when it was compared. */
  comparedWith: { version: string; auc: number | null } | null;
}

const num = (v: number) => (Number.isFinite(v) ? v : null);

const scores = (v: Metrics): ModelScores => ({
  auc: num(v.auc),
  prAuc: num(v.prAuc),
  brier: num(v.brier),
  lift10: num(v.lift10),
  ece: num(v.ece),
  precision: num(v.precision),
  recall: num(v.recall),
  rows: num(v.rows),
  prevalence: num(v.prevalence),
});

function summarize(r: ModelVersionRecord): { summary: ModelSummary; metrics: RegistryMetrics } {
  const { metrics, dir: _d, ...rest } = readModelVersion(r);
  return {
    summary: { ...rest, validation: scores(metrics.validation), test: metrics.test && scores(metrics.test) },
    metrics,
  };
}

/**
 * Every version's scores on the same rows: those of the newest comparison (a promotion, refusal or
 * retraining decision), the candidate's test window, on which every version that could was scored.
 */
export interface SameRows {
  window: string;
  dates: string[];
  rows: number;
  at: Date;
  scores: Record<string, { auc: number; logLoss: number; brier: number }>;
}

function newestSameRows(events: { figures: string | null; at: Date }[]): SameRows | null {
  for (const e of events) {
    if (!e.figures) continue;
    try {
      const { comparison: c } = JSON.parse(e.figures) as { comparison?: Comparison };
      if (!c) continue;
      const scores = Object.fromEntries(
        [c.candidate, c.active, ...c.others].map((m) => [
          m.version,
          { auc: m.auc, logLoss: m.logLoss, brier: m.brier },
        ]),
      );
      return { window: c.window, dates: c.dates, rows: c.rows, at: e.at, scores };
    } catch {
      // figures that cannot be read show no same-row scores; the next comparison will
    }
  }
  return null;
}

/** Every model version (newest first) with headline scores, the active version, and promotions and rollbacks (newest first). */
export async function listModels(db: Database) {
  const [versions, events] = await Promise.all([listModelVersions(db), listModelEvents(db, 100)]);
  const summaries = versions.map((r) => summarize(r).summary);
  return {
    active: summaries.find((s) => s.status === "active")?.version ?? null,
    versions: summaries,
    sameRows: newestSameRows(events),
    events: events.map((e) => ({
      version: e.version,
      action: e.action,
      previous: e.previous,
      reason: e.reason,
      actor: e.actor,
      at: e.at,
    })),
  };
}

/** One version with its curves (ROC, calibration, lift; on the test window when it has one) and feature importance. */
export async function getModel(db: Database, version: string): Promise<ModelDetail> {
  const record = await findModelVersion(db, version);
  if (!record)
    throw new AppError(
      ErrorCode.NotFound,
      `no model version "${version}": expected one of the versions of GET /api/v1/models`,
    );
  const { summary, metrics } = summarize(record);
  const v = metrics.test ?? metrics.validation;
  return {
    ...summary,
    curves: v.curves,
    importance: metrics.importance.map((i) => ({
      ...i,
      label: summary.training.source === "csv" ? i.feature : featureLabel(i.feature),
    })),
    baseline: v.baseline,
    baselines: { validation: metrics.validation.baseline, test: metrics.test?.baseline ?? null },
    candidates: metrics.candidates,
    comparedWith: metrics.active && { version: metrics.active.version, auc: num(metrics.active.metrics.auc) },
  };
}

/** Every registered version, newest first, with its saved metrics and training read (for `retain models list`). */
export async function listRegisteredModels(db: Database): Promise<ModelVersion[]> {
  return (await listModelVersions(db)).map(readModelVersion);
}

/** One registered version with its saved formats read, or null when there is none of that name. */
export async function findRegisteredModel(db: Database, version: string): Promise<ModelVersion | null> {
  const record = await findModelVersion(db, version);
  return record && readModelVersion(record);
}

/** Promotions and rollbacks, newest first (`limit`, default 50); with `version`, only that version's. */
export async function listModelHistory(db: Database, options: { version?: string; limit?: number } = {}) {
  const events = await listModelEvents(db, options.limit);
  return options.version === undefined ? events : events.filter((e) => e.version === options.version);
}
