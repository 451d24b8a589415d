import * as tf from "@tensorflow/tfjs";
import { columnFeatures, oneHotCodes, type MatchCodes } from "./match-codes.ts";
import { createRandom } from "./seeded-random.ts";
import { transposeInto } from "./shuffled-batches.ts";

export interface FitVoteWeightsOptions {
  reference: MatchCodes;
  labels: ArrayLike<number>;
  /** Rows of `reference` to learn from (each is voted on by the others). */
  rows: ArrayLike<number>;
  bandwidth: number;
  seed: number;
  /** Adam steps, each on `batch` query rows. */
  steps?: number;
  batch?: number;
  learningRate?: number;
}

/** Scores are kept in [floor, 1 − floor] so the log loss stays finite. */
const floor = 1e-4;

/**
 * Per-feature match weights for the neighbour vote, learned like neighbourhood components analysis:
 * each row's leave-one-out vote from the other rows should predict its label (log loss). Weights are
 * exp(θ), θ starting at 0 (the unweighted vote), so features that tell near-copies apart from
 * different customers count more and noisy ones less.
 */
export function fitVoteWeights({
  reference,
  labels,
  rows,
  bandwidth,
  seed,
  steps = 20,
  batch = 256,
  learningRate = 0.15,
}: FitVoteWeightsOptions): Float32Array {
  const n = rows.length;
  const hot = oneHotCodes(reference, rows);
  const y = Float32Array.from(rows, (r) => labels[r]);
  const random = createRandom(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const size = Math.min(batch, n);
  const qData = new Float32Array(size * hot.cols);
  const qy = new Float32Array(size);
  const self = new Float32Array(size * n);
  const theta = tf.tidy(() => tf.variable(tf.zeros([reference.sizes.length])));
  const optimizer = tf.train.adam(learningRate);
  // features × columns: spreads each feature's weight over its one-hot columns.
  const toColumns = tf.tidy(() =>
    tf.oneHot(tf.tensor1d(columnFeatures(reference.sizes), "int32"), reference.sizes.length).transpose(),
  );
  const all = tf.tensor2d(hot.data, [n, hot.cols]);
  const allT = transposedTensor(hot.data, n, hot.cols);
  const labelColumn = tf.tensor2d(y, [n, 1]);
  // q·allᵀ with both products plain: WASM runs matMul with a transpose flag through a slow
  // generic kernel (see dense-forward.ts), here ~15× the plain one.
  const matchAll = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.matMul(args[0] as tf.Tensor2D, allT),
    gradFunc: (dy: tf.Tensor2D) => [tf.matMul(dy, all)],
  })) as (q: tf.Tensor2D) => tf.Tensor2D;
  let at = n;
  try {
    for (let step = 0; step < steps; step++) {
      if (at + size > n) {
        random.shuffle(order);
        at = 0;
      }
      self.fill(0);
      for (let k = 0; k < size; k++) {
        const r = order[at + k];
        qData.set(hot.data.subarray(r * hot.cols, (r + 1) * hot.cols), k * hot.cols);
        qy[k] = y[r];
        self[k * n + r] = -1e9; // a row may not vote for itself
      }
      at += size;
      tf.tidy(() => {
        const q = tf.tensor2d(qData, [size, hot.cols]);
        const mask = tf.tensor2d(self, [size, n]);
        const ys = tf.tensor1d(qy);
        optimizer.minimize(
          () => {
            const columnWeight = tf.exp(theta).reshape([1, -1]).matMul(toColumns).mul(bandwidth);
            const matches = matchAll(q.mul(columnWeight) as tf.Tensor2D).add(mask);
            const p = tf
              .matMul(tf.softmax(matches), labelColumn)
              .reshape([-1])
              .clipByValue(floor, 1 - floor);
            return tf.losses.logLoss(ys, p) as tf.Scalar;
          },
          false,
          [theta],
        );
      });
    }
    const weights = tf.exp(theta);
    const out = Float32Array.from(weights.dataSync());
    weights.dispose();
    return out;
  } finally {
    for (const t of [theta, toColumns, all, allT, labelColumn]) t.dispose();
    optimizer.dispose();
  }
}

function transposedTensor(data: Float32Array, rows: number, cols: number): tf.Tensor2D {
  const out = new Float32Array(rows * cols);
  transposeInto(data, rows, cols, out);
  return tf.tensor2d(out, [cols, rows]);
}
