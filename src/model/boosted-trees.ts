import { ColumnType } from "./infer-column-types.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { codeRows, fitBins, type BinnedRows } from "./bin-rows.ts";
import { addBinTree, growTree, type BinTree } from "./grow-tree.ts";
import { rocAuc } from "./roc-auc.ts";
import { createRandom, type SeededRandom } from "./seeded-random.ts";
import type { ClassWeight } from "./train-network.ts";
import type { Matrix, ProgressCallback } from "./types.ts";

/**
 * Gradient-boosted decision trees on the logistic loss, grown leaf-wise over histograms of binned
 * columns (the LightGBM / scikit-learn HistGradientBoosting recipe). Trees split on the encoded
 * matrix's value, missing-indicator and one-hot columns, so explanations and permutation importance,
 * which edit encoded blocks, reach them like the networks.
 */
export interface TreeParams {
  learningRate: number;
  /** Leaves per tree (grown best-first). */
  maxLeaves: number;
  /** Fewest training rows in a leaf. */
  minLeafRows: number;
  /** L2 penalty on leaf values. */
  l2: number;
  maxTrees: number;
  /** Stop after this many trees without a better validation log loss. */
  patience: number;
  /** Most bins per column. */
  maxBins: number;
  /** Share of training rows each tree is grown from (stochastic boosting; 1 = all rows). */
  subsample: number;
  /** Seed of the row subsamples. */
  seed: number;
}

export const defaultTreeParams: TreeParams = {
  learningRate: 0.1,
  maxLeaves: 31,
  minLeafRows: 20,
  l2: 0,
  maxTrees: 500,
  patience: 15,
  maxBins: 255,
  subsample: 1,
  seed: 42,
};

/** One tree as parallel arrays; node 0 is the root; a leaf has feature −1 and its logit step in `value`. */
export interface Tree {
  /** Encoded column tested at the node (x ≤ threshold goes left). */
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  /** Training rows that reached each node (the cover TreeSHAP weighs paths by). */
  count: number[];
}

/** A boosted forest: its logit is `base` plus the sum of each tree's leaf value. Saved as JSON. */
export interface Forest {
  base: number;
  trees: Tree[];
}

/**
 * Encoded columns the trees may split on: each numeric value and missing indicator; a categorical's rank column
 * (else its one-hot columns).
 */
export function treeColumns(spec: PreprocessingSpec): number[] {
  return spec.features.flatMap((f, i) => {
    const o = spec.offsets[i];
    if (f.type === ColumnType.Categorical)
      return f.ranks ? [o + f.categories.length + 1] : Array.from({ length: f.categories.length + 1 }, (_, k) => o + k);
    return f.indicator ? [o, o + 1] : [o];
  });
}

/** A forest's trees packed into typed arrays, children as absolute node indices (scoring runs over every row × tree). */
interface PackedForest {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float32Array;
}

const packed = new WeakMap<Forest, PackedForest>();

function pack(forest: Forest): PackedForest {
  const nodes = forest.trees.reduce((s, t) => s + t.feature.length, 0);
  const out: PackedForest = {
    roots: new Int32Array(forest.trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float32Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    value: new Float32Array(nodes),
  };
  let at = 0;
  forest.trees.forEach((t, k) => {
    out.roots[k] = at;
    out.feature.set(t.feature, at);
    out.threshold.set(t.threshold, at);
    out.left.set(
      t.left.map((c) => c + at),
      at,
    );
    out.right.set(
      t.right.map((c) => c + at),
      at,
    );
    out.value.set(t.value, at);
    at += t.feature.length;
  });
  return out;
}

/** Forest logits for every row of `x`. */
export function forestLogits(forest: Forest, x: Matrix): Float32Array {
  let p = packed.get(forest);
  if (!p) {
    p = pack(forest);
    packed.set(forest, p);
  }
  const { roots, feature, threshold, left, right, value } = p;
  const { data, cols } = x;
  const out = new Float32Array(x.rows);
  // Row by row, all trees: the row's cells stay in cache while every tree reads them.
  for (let r = 0; r < x.rows; r++) {
    const row = r * cols;
    let sum = forest.base;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t];
      let f = feature[node];
      while (f >= 0) {
        node = data[row + f] <= threshold[node] ? left[node] : right[node];
        f = feature[node];
      }
      sum += value[node];
    }
    out[r] = sum;
  }
  return out;
}

/** Training (and validation) rows coded once, so several fits of a search share the binning. */
export interface PreparedTrees {
  train: BinnedRows;
  validation?: BinnedRows;
}

/** Bins `rows` of `x` on `columns` (edges from those rows) and codes the validation matrix with the same edges. */
export function prepareTrees(options: {
  x: Matrix;
  rows: Int32Array;
  columns: readonly number[];
  maxBins?: number;
  validation?: Matrix;
}): PreparedTrees {
  const { x, rows, columns, maxBins = defaultTreeParams.maxBins, validation } = options;
  const spec = fitBins(x, rows, columns, maxBins);
  return { train: codeRows(spec, x, rows), validation: validation && codeRows(spec, validation) };
}

export interface FitForestOptions {
  x?: Matrix;
  y: Float32Array;
  /** Training rows of `x` (and of `y`). */
  rows: Int32Array;
  /** Encoded columns to split on (see treeColumns); with `x`, when `prepared` is not given. */
  columns?: readonly number[];
  /** Held-out rows for early stopping; without them exactly `maxTrees` trees are grown. */
  validation?: { x?: Matrix; y: Float32Array };
  prepared?: PreparedTrees;
  classWeight?: ClassWeight;
  params?: Partial<TreeParams>;
  /** Direction per encoded column (+1: a higher value may only raise the logit, −1: only lower it). */
  monotone?: ReadonlyMap<number, number>;
  name?: string;
  onProgress?: ProgressCallback;
}

export interface ForestFit {
  forest: Forest;
  /** Validation logits of the kept trees (empty without validation rows). */
  valLogits: Float32Array;
  trees: number;
  /** Best validation log loss (NaN without validation rows). */
  loss: number;
}

/** Mean class-weighted log loss of logits `z` (computed stably from the logit). */
function weightedLogLoss(y: ArrayLike<number>, z: ArrayLike<number>, classWeight: ClassWeight): number {
  let loss = 0;
  let weights = 0;
  for (let i = 0; i < y.length; i++) {
    const w = y[i] === 1 ? classWeight.positive : classWeight.negative;
    loss += w * (Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i]))));
    weights += w;
  }
  return loss / Math.max(weights, 1e-12);
}

/** Row indices a tree grows from, in ascending order: all rows, or each row with probability `share`. */
function sampleRows(n: number, share: number, random: SeededRandom, out: Int32Array): Int32Array {
  if (share >= 1) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  let k = 0;
  for (let i = 0; i < n; i++) if (random.next() < share) out[k++] = i;
  return out.subarray(0, k);
}

/** A bin-space tree as a Tree over encoded columns and value thresholds. */
function toTree(t: BinTree, spec: BinnedRows): Tree {
  const leaf = (n: number) => t.column[n] < 0;
  return {
    feature: t.column.map((u, n) => (leaf(n) ? -1 : spec.columns[u])),
    threshold: t.bin.map((b, n) => (leaf(n) ? 0 : spec.edges[t.column[n]][b])),
    left: t.left,
    right: t.right,
    value: t.value,
    count: t.count,
  };
}

/**
 * Trains a forest on `rows`; with validation rows it stops when their log loss has not improved
 * for `patience` trees and keeps the best prefix. Returns it with its validation logits.
 */
export function fitForest(options: FitForestOptions): ForestFit {
  const { y, rows, validation, name = "gbdt", onProgress } = options;
  const classWeight = options.classWeight ?? { negative: 1, positive: 1 };
  const p: TreeParams = { ...defaultTreeParams, ...options.params };
  const prepared =
    options.prepared ??
    prepareTrees({
      x: options.x!,
      rows,
      columns: options.columns ?? [],
      maxBins: p.maxBins,
      validation: validation?.x,
    });
  const binned = prepared.train;
  const n = rows.length;
  const monotone = options.monotone && Int8Array.from(binned.columns, (c) => Math.sign(options.monotone!.get(c) ?? 0));
  const weight = Float64Array.from(rows, (r) => (y[r] === 1 ? classWeight.positive : classWeight.negative));
  const label = Float64Array.from(rows, (r) => y[r]);
  let wPos = 0;
  let wAll = 0;
  for (let i = 0; i < n; i++) {
    wAll += weight[i];
    wPos += weight[i] * label[i];
  }
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, wPos / Math.max(wAll, 1e-12)));
  const base = Math.log(rate / (1 - rate));
  const logit = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const vy = validation?.y ?? new Float32Array(0);
  const valLogit = new Float32Array(vy.length).fill(base);
  const trees: BinTree[] = [];
  const random = createRandom(p.seed);
  const order = new Int32Array(n);
  let best = { loss: Number.POSITIVE_INFINITY, trees: 0, valLogits: valLogit.slice() };
  for (let t = 0; t < p.maxTrees && binned.columns.length > 0; t++) {
    for (let i = 0; i < n; i++) {
      const prob = 1 / (1 + Math.exp(-logit[i]));
      grad[i] = weight[i] * (prob - label[i]);
      hess[i] = weight[i] * prob * (1 - prob);
    }
    trees.push(growTree(binned, grad, hess, sampleRows(n, p.subsample, random, order), p, monotone));
    addBinTree(trees[t], binned, logit);
    if (!prepared.validation) continue;
    addBinTree(trees[t], prepared.validation, valLogit);
    const loss = weightedLogLoss(vy, valLogit, classWeight);
    if (loss < best.loss) best = { loss, trees: trees.length, valLogits: valLogit.slice() };
    if ((t + 1) % 10 === 0)
      onProgress?.({
        candidate: name,
        epoch: t + 1,
        unit: "trees",
        loss: weightedLogLoss(label, logit, classWeight),
        valAuc: rocAuc(vy, valLogit),
      });
    if (trees.length - best.trees >= p.patience) break;
  }
  if (!prepared.validation) best = { loss: Number.NaN, trees: trees.length, valLogits: new Float32Array(0) };
  const kept = trees.slice(0, best.trees).map((t) => toTree(t, binned));
  return { forest: { base, trees: kept }, valLogits: best.valLogits, trees: best.trees, loss: best.loss };
}
