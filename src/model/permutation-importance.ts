import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { rocAuc } from "./roc-auc.ts";
import { createRandom } from "./seeded-random.ts";
import type { Matrix } from "./types.ts";

/** Global importance of one feature: validation ROC-AUC lost when its values are shuffled. */
export interface FeatureImportance {
  feature: string;
  importance: number;
}

export interface PermutationImportanceOptions {
  spec: PreprocessingSpec;
  x: Matrix;
  y: ArrayLike<number>;
  /** Any score monotone in risk (logits are fine: AUC only needs the order). */
  score: (x: Matrix) => ArrayLike<number>;
  seed: number;
  /** Rows sampled from `x` to keep this cheap. Default 5000. */
  maxRows?: number;
}

/** Permutation importance on (validation) rows, one shuffle per feature block, largest first. */
export function permutationImportance({
  spec,
  x,
  y,
  score,
  seed,
  maxRows = 5000,
}: PermutationImportanceOptions): FeatureImportance[] {
  const random = createRandom(seed);
  const all = Int32Array.from({ length: x.rows }, (_, i) => i);
  const rows = x.rows > maxRows ? (random.shuffle(all) as Int32Array).slice(0, maxRows).sort() : all;
  const n = rows.length;
  const width = x.cols;
  const base = new Float32Array(n * width);
  const labels = new Float32Array(n);
  rows.forEach((r, k) => {
    base.set(x.data.subarray(r * width, (r + 1) * width), k * width);
    labels[k] = y[r];
  });
  const baseAuc = rocAuc(labels, score({ data: base, rows: n, cols: width }));
  const work = new Float32Array(base.length);
  return spec.features
    .map((f, i) => {
      work.set(base);
      const from = spec.offsets[i];
      const to = spec.offsets[i + 1];
      const perm = random.shuffle(Int32Array.from({ length: n }, (_, k) => k));
      for (let k = 0; k < n; k++)
        work.set(base.subarray(perm[k] * width + from, perm[k] * width + to), k * width + from);
      return { feature: f.name, importance: baseAuc - rocAuc(labels, score({ data: work, rows: n, cols: width })) };
    })
    .sort((a, b) => b.importance - a.importance);
}
