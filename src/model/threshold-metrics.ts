import { rankDescending } from "./roc-auc.ts";

/** Confusion-based metrics when rows with probability ≥ threshold are flagged at risk. */
export interface ThresholdMetrics {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of rows flagged at risk. */
  flaggedShare: number;
}

function fromCounts(threshold: number, tp: number, flagged: number, pos: number, n: number): ThresholdMetrics {
  const precision = flagged ? tp / flagged : 0;
  const recall = pos ? tp / pos : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, precision, recall, f1, flaggedShare: n ? flagged / n : 0 };
}

/** Precision, recall and F1 at a fixed threshold. */
export function precisionRecallAt(y: ArrayLike<number>, p: ArrayLike<number>, threshold: number): ThresholdMetrics {
  let tp = 0;
  let flagged = 0;
  let pos = 0;
  for (let i = 0; i < y.length; i++) {
    pos += y[i] === 1 ? 1 : 0;
    if (p[i] >= threshold) {
      flagged++;
      tp += y[i] === 1 ? 1 : 0;
    }
  }
  return fromCounts(threshold, tp, flagged, pos, y.length);
}

/**
 * Chooses the at-risk threshold that maximises F1 on (validation) data: every distinct
 * probability is tried as a cut-off; ties go to the higher threshold (fewer customers flagged).
 */
export function chooseThreshold(y: ArrayLike<number>, p: ArrayLike<number>): ThresholdMetrics {
  const order = rankDescending(p);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  let best = fromCounts(1, 0, 0, pos, y.length);
  let tp = 0;
  for (let i = 0; i < order.length; i++) {
    tp += y[order[i]] === 1 ? 1 : 0;
    if (i + 1 < order.length && p[order[i + 1]] === p[order[i]]) continue;
    const candidate = fromCounts(p[order[i]], tp, i + 1, pos, y.length);
    if (candidate.f1 > best.f1) best = candidate;
  }
  return best;
}
