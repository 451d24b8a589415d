import * as tf from "@tensorflow/tfjs";
import type { SeededRandom } from "./seeded-random.ts";
import type { Matrix } from "./types.ts";

/**
 * A network's training rows, shuffled once (seeded) and cut into batches laid out for upload: each
 * batch's rows and their transpose are contiguous, so a step copies two blocks into TF memory and
 * does no gather or transpose. (TF's slice on WASM is slower than that upload; so is a per-step gather.)
 */
export interface ShuffledBatches {
  count: number;
  /** The tensors of batch `b` (register them in a tf.tidy): rows, transposed rows, labels, loss weights. */
  tensors(b: number): { x: tf.Tensor2D; xt: tf.Tensor2D; y: tf.Tensor1D; weight: tf.Tensor1D; weightSum: number };
}

/** Lays out `rows` of `x` as shuffled batches of `batchSize`, each row weighted by its class. */
export function shuffleIntoBatches(options: {
  x: Matrix;
  y: ArrayLike<number>;
  rows: Int32Array;
  batchSize: number;
  classWeight: { negative: number; positive: number };
  random: SeededRandom;
}): ShuffledBatches {
  const { x, y, batchSize, classWeight, random } = options;
  const d = x.cols;
  const order = random.shuffle(options.rows.slice()) as Int32Array;
  const n = order.length;
  const data = new Float32Array(n * d);
  const transposed = new Float32Array(n * d);
  const labels = new Float32Array(n);
  const weight = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const r = order[k];
    data.set(x.data.subarray(r * d, r * d + d), k * d);
    labels[k] = y[r];
    weight[k] = y[r] === 1 ? classWeight.positive : classWeight.negative;
  }
  const count = Math.ceil(n / batchSize);
  for (let b = 0; b < count; b++) {
    const start = b * batchSize;
    const size = Math.min(batchSize, n - start);
    transposeInto(
      data.subarray(start * d, (start + size) * d),
      size,
      d,
      transposed.subarray(start * d, (start + size) * d),
    );
  }
  return {
    count,
    tensors(b) {
      const start = b * batchSize;
      const size = Math.min(batchSize, n - start);
      let weightSum = 0;
      for (let k = start; k < start + size; k++) weightSum += weight[k];
      return {
        x: tf.tensor2d(data.subarray(start * d, (start + size) * d), [size, d]),
        xt: tf.tensor2d(transposed.subarray(start * d, (start + size) * d), [d, size]),
        y: tf.tensor1d(labels.subarray(start, start + size)),
        weight: tf.tensor1d(weight.subarray(start, start + size)),
        weightSum,
      };
    },
  };
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
