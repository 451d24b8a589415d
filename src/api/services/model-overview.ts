import type { Database } from "../../db/index.ts";
import { findModelVersion, listModelEvents, listModelVersions, type ModelVersionRecord } from "../../db/repositories/model-versions.ts";
import { AppError, ErrorCode } from "../../errors.ts";

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
  training: Record<string, unknown>;
}

export interface ModelDetail extends ModelSummary {
  curves: { roc: unknown[]; calibration: unknown[]; lift: unknown[] };
  importance: { feature: string; importance: number }[];
  baseline: Record<string, unknown> | null;
  candidates: unknown[];
  /** The active model's scores on the same validation data, when it was compared. */
  comparedWith: { version: string; auc: number | null } | null;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v : []);

function summarize(r: ModelVersionRecord): { summary: ModelSummary; metrics: Record<string, unknown> } {
  const metrics = parseJson(r.metrics);
  const scores = (v: Record<string, unknown>): ModelScores => ({
    auc: num(v.auc), prAuc: num(v.prAuc), brier: num(v.brier), lift10: num(v.lift10), ece: num(v.ece), precision: num(v.precision),
    recall: num(v.recall), rows: num(v.rows), prevalence: num(v.prevalence),
  });
  const validation = scores((metrics.validation ?? {}) as Record<string, unknown>);
  const test = metrics.test ? scores(metrics.test as Record<string, unknown>) : null;
  const { metrics: _m, training, dir: _d, ...rest } = r;
  return { summary: { ...rest, validation, test, training: parseJson(training) }, metrics };
}

/** Every model version (newest first) with headline scores, the active version, and promotions and rollbacks (newest first). */
export async function listModels(db: Database) {
  const [versions, events] = await Promise.all([listModelVersions(db), listModelEvents(db, 100)]);
  const summaries = versions.map((r) => summarize(r).summary);
  return {
    active: summaries.find((s) => s.status === "active")?.version ?? null,
    versions: summaries,
    events: events.map((e) => ({ version: e.version, action: e.action, previous: e.previous, reason: e.reason, at: e.at })),
  };
}

/** One version with its curves (ROC, calibration, lift; on the test window when it has one) and feature importance. */
export async function getModel(db: Database, version: string): Promise<ModelDetail> {
  const record = await findModelVersion(db, version);
  if (!record) throw new AppError(ErrorCode.NotFound, `no model version "${version}": expected one of the versions of GET /api/v1/models`);
  const { summary, metrics } = summarize(record);
  const v = (metrics.test ?? metrics.validation ?? {}) as Record<string, unknown>;
  const curves = (v.curves ?? {}) as Record<string, unknown>;
  const active = metrics.active as { version?: string; metrics?: { auc?: number } } | null | undefined;
  return {
    ...summary,
    curves: { roc: list(curves.roc), calibration: list(curves.calibration), lift: list(curves.lift) },
    importance: list(metrics.importance).map((i) => ({ feature: String(i.feature), importance: Number(i.importance) })),
    baseline: (v.baseline as Record<string, unknown> | undefined) ?? null,
    candidates: list(metrics.candidates),
    comparedWith: active?.version ? { version: active.version, auc: num(active.metrics?.auc) } : null,
  };
}
