import * as tf from "@tensorflow/tfjs";
import { buildNetwork, predictLogits } from "./build-network.ts";
import { denseForward, inputDense } from "./dense-forward.ts";
import { shuffleIntoBatches } from "./shuffled-batches.ts";
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
  /** Rows an epoch trains on (a fresh random choice of batches each epoch); default all. Bounds the cost of an epoch on big tables. */
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

/** Mean class-weighted log loss of raw logits (the training objective without its L2 term). */
function weightedLogLoss(y: ArrayLike<number>, logits: Float32Array, classWeight: ClassWeight): number {
  let loss = 0;
  let weights = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i];
    const w = y[i] === 1 ? classWeight.positive : classWeight.negative;
    // log(1 + e^z) − y·z, computed without overflow
    loss += w * (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z);
    weights += w;
  }
  return loss / weights;
}

/** Trains one network with Adam, seeded shuffling and dropout, and early stopping on the validation loss. */
export async function trainNetwork(options: TrainNetworkOptions): Promise<TrainedNetwork> {
  const { name, train, validation, classWeight, seed, onProgress, hidden } = options;
  const {
    dropout = 0,
    l2 = 0,
    learningRate = 1e-3,
    batchSize = 512,
    maxEpochs = 100,
    patience = 10,
    epochRows = Number.POSITIVE_INFINITY,
  } = options;
  const d = train.x.cols;
  const random = createRandom(seed);
  const model = buildNetwork({ inputDim: d, hidden, seed: random.seed() });
  const optimizer = tf.train.adam(learningRate);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const kernels = vars.filter((v) => v.shape.length === 2);
  const depth = hidden.length + 1;
  const batches = shuffleIntoBatches({
    ...train,
    rows: train.rows ?? Int32Array.from({ length: train.x.rows }, (_, i) => i),
    batchSize,
    classWeight,
    random,
  });
  // An epoch is a random choice of the once-shuffled batches (all of them unless epochRows bounds it).
  const order = Int32Array.from({ length: batches.count }, (_, i) => i);
  const batchesPerEpoch = Math.min(batches.count, Math.ceil(epochRows / batchSize));
  let best: { score: number; auc: number; epoch: number; weights: Float32Array[]; logits: Float32Array } = {
    score: Number.NEGATIVE_INFINITY,
    auc: Number.NaN,
    epoch: 0,
    weights: [],
    logits: new Float32Array(0),
  };
  let epoch = 0;
  try {
    for (epoch = 1; epoch <= maxEpochs; epoch++) {
      random.shuffle(order);
      const costs: tf.Scalar[] = [];
      for (let b = 0; b < batchesPerEpoch; b++) {
        const stepSeed = random.seed();
        const cost = tf.tidy(() => {
          const { x: xs, xt, y: ys, weight: ws, weightSum } = batches.tensors(order[b]);
          const first = inputDense(xs, xt);
          return optimizer.minimize(
            () => {
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
            },
            true,
            vars,
          ) as tf.Scalar;
        });
        costs.push(cost);
      }
      const sum = tf.tidy(() => tf.addN(costs).div(costs.length));
      const loss = (await sum.data())[0];
      sum.dispose();
      for (const c of costs) c.dispose();
      const logits = validation ? predictLogits([model], validation.x) : new Float32Array(0);
      const auc = validation ? rocAuc(validation.y, logits) : Number.NaN;
      // Stop on the validation loss, not the AUC: the ranking settles within an epoch or two, long
      // before the probabilities do, and a network stopped there calibrates and refits poorly.
      const score = validation ? -weightedLogLoss(validation.y, logits, classWeight) : epoch;
      onProgress?.({ candidate: name, epoch, loss, valAuc: auc });
      if (score > best.score + 1e-6) {
        best = {
          score,
          auc,
          epoch,
          weights: model.getWeights().map((w) => (w.dataSync() as Float32Array).slice()),
          logits,
        };
      } else if (epoch - best.epoch >= patience) break;
    }
    const shapes = model.getWeights().map((w) => w.shape);
    const restored = best.weights.map((w, i) => tf.tensor(w, shapes[i]));
    model.setWeights(restored);
    for (const t of restored) t.dispose();
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
  }
  return {
    model,
    bestEpoch: best.epoch,
    epochsRun: Math.min(epoch, maxEpochs),
    valAuc: best.auc,
    valLogits: best.logits,
  };
}
