/** Indices of `scores` sorted by descending score (stable). */
export function rankDescending(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => scores[b] - scores[a] || a - b);
}

function countPositives(y: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  return pos;
}

/**
 * Area under the ROC curve (Mann–Whitney): the chance that a random churner scores above a
 * random non-churner, ties counting one half. NaN when a class is absent.
 */
export function rocAuc(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  const pos = countPositives(y);
  const neg = y.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  const order = rankDescending(scores);
  // Walk tie groups from the top: each negative in a group outranks the positives below it.
  let posAbove = 0;
  let wins = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    let groupPos = 0;
    let groupNeg = 0;
    while (j < order.length && scores[order[j]] === scores[order[i]]) {
      if (y[order[j]] === 1) groupPos++;
      else groupNeg++;
      j++;
    }
    wins += groupNeg * (posAbove + groupPos / 2);
    posAbove += groupPos;
    i = j;
  }
  return wins / (pos * neg);
}

/** One point of the ROC curve: rates when predicting churn for scores ≥ threshold. */
export interface RocPoint {
  /** Lowest score flagged; null for the first point (nothing flagged). */
  threshold: number | null;
  fpr: number;
  tpr: number;
}

/** The ROC curve at each distinct score, thinned to at most `maxPoints` points (for charts). */
export function rocCurve(y: ArrayLike<number>, scores: ArrayLike<number>, maxPoints = 101): RocPoint[] {
  const pos = countPositives(y);
  const neg = y.length - pos;
  const order = rankDescending(scores);
  const points: RocPoint[] = [{ threshold: null, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    if (y[order[i]] === 1) tp++;
    else fp++;
    const last = i + 1 === order.length || scores[order[i + 1]] !== scores[order[i]];
    if (last) points.push({ threshold: scores[order[i]], fpr: neg ? fp / neg : 0, tpr: pos ? tp / pos : 0 });
  }
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, k) => points[Math.round(k * step)]);
}
