import { rankDescending } from "./roc-auc.ts";

/**
 * Expected churners among the top `k` rows by score. Rows tied with the k-th row share the
 * remaining places in proportion, so the result does not depend on row order.
 */
export function positivesInTop(y: ArrayLike<number>, scores: ArrayLike<number>, k: number): number {
  const order = rankDescending(scores);
  let taken = 0;
  let positives = 0;
  for (let i = 0; i < order.length && taken < k; ) {
    let j = i;
    let groupPos = 0;
    while (j < order.length && scores[order[j]] === scores[order[i]]) groupPos += y[order[j++]] === 1 ? 1 : 0;
    const size = j - i;
    const share = Math.min(size, k - taken);
    positives += (groupPos * share) / size;
    taken += share;
    i = j;
  }
  return positives;
}

/** Churn rate in the top `fraction` by score divided by the overall rate (1 = no better than random). Default: top decile. */
export function topLift(y: ArrayLike<number>, scores: ArrayLike<number>, fraction = 0.1): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  if (pos === 0) return Number.NaN;
  const k = Math.max(1, Math.round(y.length * fraction));
  return positivesInTop(y, scores, k) / k / (pos / y.length);
}

/** One row of a lift table: the share of rows ranked highest and their churn rate vs overall. */
export interface LiftRow {
  /** Cumulative share of rows, e.g. 0.1 for the top decile. */
  depth: number;
  cumulativeLift: number;
  /** Share of all churners found within this depth. */
  capture: number;
}

/** Cumulative lift and capture at each of `bins` depths (deciles by default), for charts. */
export function liftTable(y: ArrayLike<number>, scores: ArrayLike<number>, bins = 10): LiftRow[] {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  return Array.from({ length: bins }, (_, b) => {
    const depth = (b + 1) / bins;
    const k = Math.max(1, Math.round(y.length * depth));
    const found = positivesInTop(y, scores, k);
    return {
      depth,
      cumulativeLift: pos ? found / k / (pos / y.length) : Number.NaN,
      capture: pos ? found / pos : Number.NaN,
    };
  });
}
