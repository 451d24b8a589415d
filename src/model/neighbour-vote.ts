import * as tf from "@tensorflow/tfjs";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { columnFeatures, matchCodes, oneHotCodes, type MatchCodes } from "./match-codes.ts";
import type { Matrix } from "./types.ts";

/**
 * A memory-based scorer: a row's churn score is the label average of the reference (training)
 * rows weighted by exp(bandwidth × number of features they share), i.e. a softmax over matches.
 * Rows that repeat a training customer in all but a few features get that customer's label; rows
 * without such neighbours get the rate among the closest ones. Matching counts (not distances)
 * make one very different feature cost no more than one different category.
 */
export interface NeighbourVote {
  readonly spec: PreprocessingSpec;
  /** Reference rows' match codes and 0/1 labels (what is saved with the model). */
  readonly reference: MatchCodes;
  readonly labels: Uint8Array;
  readonly bandwidth: number;
  /** Per-feature match weights (learned by fitVoteWeights), when matches are not all worth 1. */
  readonly weights?: Float32Array;
  /** Vote logits for encoded rows. */
  logits(x: Matrix): Float32Array;
  dispose(): void;
}

/** Scores are squeezed into [floor, 1 − floor] so their logits stay finite (order is kept). */
const floor = 1e-3;
/** Query rows × reference rows per batch (bounds the match matrix to 16 MB). */
const maxCells = 1 << 22;

/**
 * Builds a vote over `rows` (default all) of `reference`, held as a transposed one-hot tensor;
 * `weights` (one per feature, default all 1) scale what a match on each feature counts.
 */
export function createNeighbourVote({
  spec,
  reference,
  labels,
  bandwidth,
  rows,
  weights,
}: {
  spec: PreprocessingSpec;
  reference: MatchCodes;
  labels: ArrayLike<number>;
  bandwidth: number;
  rows?: ArrayLike<number>;
  weights?: Float32Array;
}): NeighbourVote {
  const kept = rows ?? Int32Array.from({ length: reference.rows }, (_, i) => i);
  const nf = reference.sizes.length;
  const codes = new Uint16Array(kept.length * nf);
  const y = new Uint8Array(kept.length);
  for (let k = 0; k < kept.length; k++) {
    codes.set(reference.codes.subarray(kept[k] * nf, (kept[k] + 1) * nf), k * nf);
    y[k] = labels[kept[k]];
  }
  const own: MatchCodes = { codes, rows: kept.length, sizes: reference.sizes };
  const hot = oneHotCodes(
    own,
    Int32Array.from({ length: kept.length }, (_, i) => i),
  );
  // Transposed once here: a plain matMul is much faster than a transposed one on WASM.
  // Scaling the reference side only is enough: query codes are 0/1, so a dot product sums matched weights.
  const columnWeight = columnFeatures(reference.sizes).map((f) => weights?.[f] ?? 1);
  const transposed = new Float32Array(hot.data.length);
  for (let r = 0; r < hot.rows; r++)
    for (let c = 0; c < hot.cols; c++) transposed[c * hot.rows + r] = hot.data[r * hot.cols + c] * columnWeight[c];
  const referenceT = tf.tensor2d(transposed, [hot.cols, hot.rows]);
  const labelColumn = tf.tensor2d(Float32Array.from(y), [y.length, 1]);
  const batch = Math.max(1, Math.floor(maxCells / Math.max(1, kept.length)));
  return {
    spec,
    reference: own,
    labels: y,
    bandwidth,
    weights,
    logits(x) {
      const query = matchCodes(spec, x);
      const out = new Float32Array(x.rows);
      for (let start = 0; start < x.rows; start += batch) {
        const rowsNow = Int32Array.from({ length: Math.min(batch, x.rows - start) }, (_, k) => start + k);
        const q = oneHotCodes(query, rowsNow);
        const vote = tf.tidy(() => {
          const matches = tf.matMul(tf.tensor2d(q.data, [q.rows, q.cols]), referenceT);
          return tf.matMul(tf.softmax(matches.mul(bandwidth)), labelColumn).reshape([-1]);
        });
        const p = vote.dataSync();
        vote.dispose();
        for (let k = 0; k < p.length; k++) {
          const s = floor + (1 - 2 * floor) * p[k];
          out[start + k] = Math.log(s / (1 - s));
        }
      }
      return out;
    },
    dispose() {
      referenceT.dispose();
      labelColumn.dispose();
    },
  };
}
