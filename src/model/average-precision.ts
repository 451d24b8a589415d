import { rankDescending } from "./roc-auc.ts";

/**
 * Average precision (area under the precision–recall curve, step-wise as in scikit-learn):
 * Σ (recall_k − recall_{k−1}) · precision_k over distinct score thresholds. NaN without positives.
 */
export function averagePrecision(y: ArrayLike<number>, scores: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  if (pos === 0) return Number.NaN;
  const order = rankDescending(scores);
  let tp = 0;
  let seen = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let i = 0; i < order.length; i++) {
    tp += y[order[i]] === 1 ? 1 : 0;
    seen++;
    const last = i + 1 === order.length || scores[order[i + 1]] !== scores[order[i]];
    if (!last) continue;
    const recall = tp / pos;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
  }
  return ap;
}
