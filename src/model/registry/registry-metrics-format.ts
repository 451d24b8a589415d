import { z } from "zod";
import { ErrorCode } from "../../errors.ts";
import { readSavedJson, savedNumber, type SavedFormat } from "../../saved-json.ts";
import type { Metrics } from "../evaluate-predictions.ts";
import { importanceSchema, metricsSchema, stageTimeSchema } from "../metrics-schema.ts";
import type { CandidateSummary, StageTime } from "../model-metadata.ts";
import { candidateSummarySchema } from "../model-metadata-format.ts";
import type { FeatureImportance } from "../permutation-importance.ts";

/** A row of the leaderboard; versions from before format 2 kept only the name and validation AUC. */
export type RegistryCandidate = Pick<CandidateSummary, "name" | "valAuc"> & Partial<CandidateSummary>;

/** The active model scored on a candidate's test rows: what promotion compares. */
export interface ActiveComparison {
  version: string;
  metrics: Metrics;
}

/** `model_versions.metrics`: how a version scored, as the registry, `retain models` and the model page read it. */
export interface RegistryMetrics {
  /** On the validation rows (what chose it). */
  validation: Metrics;
  /** On the untouched test rows (test window, test file or held-out split); null for versions trained before test windows. */
  test: Metrics | null;
  importance: FeatureImportance[];
  candidates: RegistryCandidate[];
  stages: StageTime[];
  /** The active model on the same test rows; null when there was none to compare (or the version was trained from a CSV). */
  active: ActiveComparison | null;
  /** Whether it beat `active`; null when it was never compared (CSV-trained versions). */
  beatsActive: boolean | null;
}

const activeSchema = z.object({ version: z.string(), metrics: metricsSchema });

/** Format 2: every field written, by training from the database, training from a CSV and promotion alike. */
const metricsV2 = z
  .object({
    formatVersion: z.literal(2),
    validation: metricsSchema,
    test: metricsSchema.nullable(),
    importance: z.array(importanceSchema),
    candidates: z.array(candidateSummarySchema),
    stages: z.array(stageTimeSchema),
    active: activeSchema.nullable(),
    beatsActive: z.boolean().nullable(),
  })
  .transform(({ formatVersion: _v, ...metrics }) => metrics) satisfies z.ZodType<RegistryMetrics>;

/**
 * The shapes written before format 2: training from the database wrote validation, importance,
 * candidates (name and validation AUC at first), active and beatsActive, later also test and stages;
 * training from a CSV wrote validation, test and importance only.
 */
const unversioned = z
  .object({
    validation: metricsSchema,
    test: metricsSchema.optional(),
    importance: z.array(importanceSchema),
    candidates: z.array(candidateSummarySchema.partial().extend({ name: z.string(), valAuc: savedNumber })).default([]),
    stages: z.array(stageTimeSchema).default([]),
    active: activeSchema.nullable().default(null),
    beatsActive: z.boolean().nullable().default(null),
  })
  .transform((m): RegistryMetrics => ({ ...m, test: m.test ?? null }));

const REGISTRY_METRICS_FORMAT = 2;

const format: SavedFormat<RegistryMetrics> = {
  name: "model_versions.metrics",
  current: REGISTRY_METRICS_FORMAT,
  versions: { 2: metricsV2 },
  unversioned,
  remedy: "retrain with `npx retain train` (the version cannot be shown or promoted as it is)",
  code: ErrorCode.Database,
};

/** The one writer of `model_versions.metrics`. */
export function writeRegistryMetrics(metrics: RegistryMetrics): string {
  return JSON.stringify({ formatVersion: REGISTRY_METRICS_FORMAT, ...metrics });
}

/** The one reader of `model_versions.metrics`: format 2 or an older shape; `version` names the row in messages. */
export function readRegistryMetrics(text: string, version: string): RegistryMetrics {
  return readSavedJson(format, text, `of ${version}`);
}
