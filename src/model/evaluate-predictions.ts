import { averagePrecision } from "./average-precision.ts";
import { calibrationTable, expectedCalibrationError, type CalibrationBin } from "./calibration-table.ts";
import { liftTable, topLift, type LiftRow } from "./lift.ts";
import { brierScore, logLoss } from "./probability-scores.ts";
import { rocAuc, rocCurve, type RocPoint } from "./roc-auc.ts";
import { precisionRecallAt } from "./threshold-metrics.ts";

/** The headline scores of one set of predictions. */
export interface ScoreSet {
  auc: number;
  prAuc: number;
  brier: number;
  logLoss: number;
  /** Churn rate in the top 10% by score / overall churn rate. */
  lift10: number;
}

/** Metrics of a model on one data set, with a constant-prevalence baseline and curves for charts. */
export interface Metrics extends ScoreSet {
  rows: number;
  prevalence: number;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  flaggedShare: number;
  /** Expected calibration error over 10 bins. */
  ece: number;
  /** The same scores for a model that always predicts the training prevalence. */
  baseline: ScoreSet;
  curves: { roc: RocPoint[]; calibration: CalibrationBin[]; lift: LiftRow[] };
}

/** Headline scores only (cheap enough to run per epoch or per permutation). */
export function scorePredictions(y: ArrayLike<number>, p: ArrayLike<number>): ScoreSet {
  return {
    auc: rocAuc(y, p),
    prAuc: averagePrecision(y, p),
    brier: brierScore(y, p),
    logLoss: logLoss(y, p),
    lift10: topLift(y, p),
  };
}

/**
 * Full metrics for calibrated probabilities `p` against 0/1 outcomes `y`.
 * `basePrevalence` (default: the rate in `y`) is what the naive baseline predicts for everyone.
 */
export function evaluatePredictions(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  { threshold = 0.5, basePrevalence }: { threshold?: number; basePrevalence?: number } = {},
): Metrics {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  const prevalence = y.length ? pos / y.length : Number.NaN;
  const constant = new Float64Array(y.length).fill(basePrevalence ?? prevalence);
  const calibration = calibrationTable(y, p);
  const { precision, recall, f1, flaggedShare } = precisionRecallAt(y, p, threshold);
  return {
    rows: y.length,
    prevalence,
    ...scorePredictions(y, p),
    threshold,
    precision,
    recall,
    f1,
    flaggedShare,
    ece: expectedCalibrationError(calibration),
    baseline: scorePredictions(y, constant),
    curves: { roc: rocCurve(y, p), calibration, lift: liftTable(y, p) },
  };
}
