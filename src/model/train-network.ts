import * as tf from "@tensorflow/tfjs";
import { buildNetwork, predictLogits } from "./build-network.ts";
import { denseForward, inputDense } from "./dense-forward.ts";
import { rocAuc } from "./roc-auc.ts";
import { createRandom } from "./seeded-random.ts";
import type { Matrix, ProgressCallback } from "./types.ts";

/** Loss weight of each class; explicit so imbalance handling is visible in metadata. */
export interface ClassWeight {
  negative: number;
  positive: number;
}

/** Hyper-parameters of one network; `hidden: []` is logistic regression. */
export interface NetworkConfig {
  hidden: number[];
  dropout?: number;
  /** L2 penalty on kernels (added to the mean loss). */
  l2?: number;
  learningRate?: number;
  batchSize?: number;
  maxEpochs?: number;
  /** Epochs without a validation-AUC gain before stopping. */
  patience?: number;
  /** Rows an epoch trains on (a fresh random subset each epoch); default all. Bounds the cost of an epoch on big tables. */
  epochRows?: number;
}

export interface TrainNetworkOptions extends NetworkConfig {
  name: string;
  /** Training data; `rows` (default: all) selects the rows of `x`/`y` to train on. */
  train: { x: Matrix; y: ArrayLike<number>; rows?: Int32Array };
  /** Early-stopping rows; without them exactly `maxEpochs` epochs run (a refit at a known epoch count). */
  validation?: { x: Matrix; y: ArrayLike<number> };
  classWeight: ClassWeight;
  seed: number;
  onProgress?: ProgressCallback;
}

/** A network restored to its best validation epoch. */
export interface TrainedNetwork {
  model: tf.Sequential;
  /** 1-based epoch whose weights were kept. */
  bestEpoch: number;
  epochsRun: number;
  valAuc: number;
  valLogits: Float32Array;
}

/** Writes the transpose of a rows×cols row-major block into `out` (cols×rows), in cache-friendly tiles. */
export function transposeInto(src: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const tile = 32;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const r1 = Math.min(rows, r0 + tile);
    for (let c = 0; c < cols; c++) {
      const base = c * rows;
      for (let r = r0; r < r1; r++) out[base + r] = src[r * cols + c];
    }
  }
}

/** Trains one network with Adam, seeded shuffling and dropout, and early stopping on validation ROC-AUC. */
export async function trainNetwork(options: TrainNetworkOptions): Promise<TrainedNetwork> {
  const { name, train, validation, classWeight, seed, onProgress, hidden } = options;
  const { dropout = 0, l2 = 0, learningRate = 1e-3, batchSize = 512, maxEpochs = 100, patience = 10, epochRows = Number.POSITIVE_INFINITY } = options;
  const d = train.x.cols;
  const order = train.rows ? train.rows.slice() : Int32Array.from({ length: train.x.rows }, (_, i) => i);
  const n = Math.min(order.length, epochRows);
  const random = createRandom(seed);
  const model = buildNetwork({ inputDim: d, hidden, seed: random.seed() });
  const optimizer = tf.train.adam(learningRate);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const kernels = vars.filter((v) => v.shape.length === 2);
  const depth = hidden.length + 1;
  const xb = new Float32Array(batchSize * d);
  // The input layer's kernel gradient needs the batch transposed; a single-unit layer (LR) does not.
  const xt = hidden.length > 0 ? new Float32Array(batchSize * d) : null;
  const yb = new Float32Array(batchSize);
  const wb = new Float32Array(batchSize);
  let best: { auc: number; epoch: number; weights: Float32Array[]; logits: Float32Array } = { auc: Number.NEGATIVE_INFINITY, epoch: 0, weights: [], logits: new Float32Array(0) };
  let epoch = 0;
  try {
    for (epoch = 1; epoch <= maxEpochs; epoch++) {
      random.shuffle(order);
      const costs: tf.Scalar[] = [];
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        let weightSum = 0;
        for (let k = 0; k < size; k++) {
          const r = order[start + k];
          xb.set(train.x.data.subarray(r * d, r * d + d), k * d);
          yb[k] = train.y[r];
          wb[k] = train.y[r] === 1 ? classWeight.positive : classWeight.negative;
          weightSum += wb[k];
        }
        if (xt) transposeInto(xb, size, d, xt);
        const stepSeed = random.seed();
        const cost = tf.tidy(() => {
          const xs = tf.tensor2d(xb.subarray(0, size * d), [size, d]);
          const first = inputDense(xs, xt ? tf.tensor2d(xt.subarray(0, size * d), [d, size]) : null);
          const ys = tf.tensor1d(yb.subarray(0, size));
          const ws = tf.tensor1d(wb.subarray(0, size));
          return optimizer.minimize(() => {
            let h: tf.Tensor = xs;
            for (let i = 0; i < depth; i++) {
              h = i === 0 ? first(vars[0], vars[1]) : denseForward(h, vars[2 * i], vars[2 * i + 1]);
              if (i === depth - 1) break;
              h = tf.relu(h);
              if (dropout > 0) h = tf.dropout(h, dropout, undefined, stepSeed + i);
            }
            const perRow = tf.losses.sigmoidCrossEntropy(ys, h.reshape([-1]), undefined, 0, tf.Reduction.NONE);
            let loss = perRow.mul(ws).sum().div(weightSum) as tf.Scalar;
            if (l2 > 0) loss = loss.add(tf.addN(kernels.map((k) => k.square().sum())).mul(l2));
            return loss;
          }, true, vars) as tf.Scalar;
        });
        costs.push(cost);
      }
      const sum = tf.tidy(() => tf.addN(costs).div(costs.length));
      const loss = (await sum.data())[0];
      sum.dispose();
      costs.forEach((c) => c.dispose());
      const logits = validation ? predictLogits([model], validation.x) : new Float32Array(0);
      const auc = validation ? rocAuc(validation.y, logits) : epoch;
      onProgress?.({ candidate: name, epoch, loss, valAuc: validation ? auc : Number.NaN });
      if (auc > best.auc + 1e-5) {
        best = { auc, epoch, weights: model.getWeights().map((w) => (w.dataSync() as Float32Array).slice()), logits };
      } else if (epoch - best.epoch >= patience) break;
    }
    const shapes = model.getWeights().map((w) => w.shape);
    const restored = best.weights.map((w, i) => tf.tensor(w, shapes[i]));
    model.setWeights(restored);
    restored.forEach((t) => t.dispose());
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
  }
  return { model, bestEpoch: best.epoch, epochsRun: Math.min(epoch, maxEpochs), valAuc: best.auc, valLogits: best.logits };
}
