import { z } from "zod";
import { savedNumber } from "../saved-json.ts";
import type { Metrics, ScoreSet } from "./evaluate-predictions.ts";
import type { FeatureImportance } from "./permutation-importance.ts";
import type { StageTime } from "./model-metadata.ts";

/** ScoreSet as saved (NaN is saved as null). */
export const scoreSetSchema = z.object({
  auc: savedNumber,
  prAuc: savedNumber,
  brier: savedNumber,
  logLoss: savedNumber,
  lift10: savedNumber,
}) satisfies z.ZodType<ScoreSet>;

/** Metrics as saved, in metadata.json and in the registry's metrics: scores, baseline and curves. */
export const metricsSchema = scoreSetSchema.extend({
  rows: z.number().int().nonnegative(),
  prevalence: savedNumber,
  threshold: savedNumber,
  precision: savedNumber,
  recall: savedNumber,
  f1: savedNumber,
  flaggedShare: savedNumber,
  ece: savedNumber,
  baseline: scoreSetSchema,
  curves: z.object({
    roc: z.array(z.object({ threshold: z.number().nullable(), fpr: savedNumber, tpr: savedNumber })),
    calibration: z.array(
      z.object({
        lower: z.number(),
        upper: z.number(),
        count: z.number().int().nonnegative(),
        meanPredicted: savedNumber,
        observedRate: savedNumber,
      }),
    ),
    lift: z.array(z.object({ depth: savedNumber, cumulativeLift: savedNumber, capture: savedNumber })),
  }),
}) satisfies z.ZodType<Metrics>;

/** One feature's importance (permutation AUC loss or mean |contribution|). */
export const importanceSchema = z.object({
  feature: z.string(),
  importance: savedNumber,
}) satisfies z.ZodType<FeatureImportance>;

/** Seconds of one training stage. */
export const stageTimeSchema = z.object({ stage: z.string(), seconds: z.number() }) satisfies z.ZodType<StageTime>;
