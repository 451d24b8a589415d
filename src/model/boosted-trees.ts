import { ColumnType } from "./infer-column-types.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { rocAuc } from "./roc-auc.ts";
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
}

export const defaultTreeParams: TreeParams = { learningRate: 0.1, maxLeaves: 31, minLeafRows: 20, l2: 0, maxTrees: 300, patience: 20, maxBins: 255 };

/** One tree as parallel arrays; node 0 is the root; a leaf has feature −1 and its logit step in `value`. */
export interface Tree {
  /** Encoded column tested at the node (x ≤ threshold goes left). */
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** A boosted forest: its logit is `base` plus the sum of each tree's leaf value. Saved as JSON. */
export interface Forest {
  base: number;
  trees: Tree[];
}

/** Encoded columns the trees may split on: each numeric value and missing indicator, each one-hot column. */
export function treeColumns(spec: PreprocessingSpec): number[] {
  return spec.features.flatMap((f, i) => {
    const o = spec.offsets[i];
    if (f.type === ColumnType.Categorical) return Array.from({ length: f.categories.length + 1 }, (_, k) => o + k);
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
  const out: PackedForest = { roots: new Int32Array(forest.trees.length), feature: new Int32Array(nodes), threshold: new Float32Array(nodes), left: new Int32Array(nodes), right: new Int32Array(nodes), value: new Float32Array(nodes) };
  let at = 0;
  forest.trees.forEach((t, k) => {
    out.roots[k] = at;
    out.feature.set(t.feature, at);
    out.threshold.set(t.threshold, at);
    out.left.set(t.left.map((c) => c + at), at);
    out.right.set(t.right.map((c) => c + at), at);
    out.value.set(t.value, at);
    at += t.feature.length;
  });
  return out;
}

/** Forest logits for every row of `x`. */
export function forestLogits(forest: Forest, x: Matrix): Float32Array {
  let p = packed.get(forest);
  if (!p) packed.set(forest, (p = pack(forest)));
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

/** Bin thresholds per column from the training rows: midpoints between distinct values, or quantiles when there are too many. */
function binEdges(x: Matrix, rows: Int32Array, column: number, maxBins: number): Float32Array {
  const values = Float32Array.from(rows, (r) => x.data[r * x.cols + column]).sort();
  const distinct: number[] = [];
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) distinct.push(values[i]);
  if (distinct.length <= maxBins) return Float32Array.from(distinct.slice(1), (v, i) => (v + distinct[i]) / 2);
  const edges: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const v = values[Math.floor((k * values.length) / maxBins) - 1];
    if (v !== edges.at(-1) && v < values[values.length - 1]) edges.push(v);
  }
  return Float32Array.from(edges);
}

/** Bin code of `v`: the number of edges below it (so code ≤ b ⇔ v ≤ edges[b]). */
function binOf(edges: Float32Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Training rows binned for growing trees: per used column its encoded column, bin edges and first global bin. */
interface BinnedRows {
  rows: number;
  /** Encoded column and bin edges of each column that has more than one value. */
  columns: number[];
  edges: Float32Array[];
  /** Column u's bins are binStart[u]…binStart[u + 1] − 1 of one histogram. */
  binStart: Int32Array;
  /** Row-major global bin numbers (rows × columns), so a histogram reads each row's codes contiguously. */
  codes: Uint16Array | Uint32Array;
}

function binRows(x: Matrix, rows: Int32Array, columns: readonly number[], maxBins: number): BinnedRows {
  const allEdges = columns.map((c) => binEdges(x, rows, c, maxBins));
  const used = columns.map((_, j) => j).filter((j) => allEdges[j].length > 0);
  const edges = used.map((j) => allEdges[j]);
  const nc = used.length;
  const n = rows.length;
  const binStart = new Int32Array(nc + 1);
  edges.forEach((e, u) => (binStart[u + 1] = binStart[u] + e.length + 1));
  const codes = binStart[nc] <= 0xffff ? new Uint16Array(n * nc) : new Uint32Array(n * nc);
  used.forEach((j, u) => {
    for (let i = 0; i < n; i++) codes[i * nc + u] = binStart[u] + binOf(edges[u], x.data[rows[i] * x.cols + columns[j]]);
  });
  return { rows: n, columns: used.map((j) => columns[j]), edges, binStart, codes };
}

interface Split {
  gain: number;
  /** Index into the binned columns. */
  column: number;
  bin: number;
}

/** A leaf being grown: its rows are order[start, end); hist holds per global bin (gradient, hessian, count). */
interface Leaf {
  node: number;
  start: number;
  end: number;
  hist: Float64Array;
  grad: number;
  hess: number;
  split?: Split;
}

/** Per-bin sums of gradient, hessian and row count over order[start, end). */
function histogram(binned: BinnedRows, order: Int32Array, start: number, end: number, grad: Float64Array, hess: Float64Array): Float64Array {
  const { codes, binStart } = binned;
  const nc = binned.columns.length;
  const hist = new Float64Array(binStart[nc] * 3);
  for (let k = start; k < end; k++) {
    const i = order[k];
    const g = grad[i];
    const h = hess[i];
    const row = i * nc;
    for (let u = 0; u < nc; u++) {
      const at = codes[row + u] * 3;
      hist[at] += g;
      hist[at + 1] += h;
      hist[at + 2] += 1;
    }
  }
  return hist;
}

/** Gradient and hessian totals of a histogram (every row falls in exactly one bin of column 0). */
function totals(binned: BinnedRows, hist: Float64Array): { grad: number; hess: number } {
  let grad = 0;
  let hess = 0;
  for (let b = 0; b < binned.binStart[1]; b++) (grad += hist[b * 3]), (hess += hist[b * 3 + 1]);
  return { grad, hess };
}

/** The split of `leaf` with the largest loss reduction that leaves minLeafRows rows on each side, if any gains. */
function findSplit(binned: BinnedRows, leaf: Leaf, p: TreeParams): Split | undefined {
  const { binStart } = binned;
  const rowsIn = leaf.end - leaf.start;
  if (rowsIn < 2 * p.minLeafRows) return undefined;
  const parentScore = (leaf.grad * leaf.grad) / (leaf.hess + p.l2);
  let split: Split | undefined;
  for (let u = 0; u < binned.columns.length; u++) {
    const h0 = binStart[u] * 3;
    const last = binStart[u + 1] - binStart[u] - 1;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b < last; b++) {
      gl += leaf.hist[h0 + b * 3];
      hl += leaf.hist[h0 + b * 3 + 1];
      cl += leaf.hist[h0 + b * 3 + 2];
      if (cl < p.minLeafRows) continue;
      if (rowsIn - cl < p.minLeafRows) break;
      const gr = leaf.grad - gl;
      const hr = leaf.hess - hl;
      if (hl < 1e-3 || hr < 1e-3) continue;
      const gain = (gl * gl) / (hl + p.l2) + (gr * gr) / (hr + p.l2) - parentScore;
      if (gain > (split?.gain ?? 1e-9)) split = { gain, column: u, bin: b };
    }
  }
  return split;
}

/**
 * Grows one tree best-first (the leaf whose split gains most is split next) and adds its leaf
 * values to `logit`. Rows are partitioned in place in `order`, so each leaf owns a contiguous range.
 */
function growTree(binned: BinnedRows, grad: Float64Array, hess: Float64Array, logit: Float64Array, p: TreeParams): Tree {
  const { codes, binStart, rows: n } = binned;
  const nc = binned.columns.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const tree: Tree = { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [0] };
  const rootHist = histogram(binned, order, 0, n, grad, hess);
  const root: Leaf = { node: 0, start: 0, end: n, hist: rootHist, ...totals(binned, rootHist) };
  root.split = findSplit(binned, root, p);
  const leaves: Leaf[] = [root];
  while (leaves.length < p.maxLeaves) {
    let pick = -1;
    leaves.forEach((l, k) => (l.split && (pick < 0 || l.split.gain > leaves[pick].split!.gain) ? (pick = k) : undefined));
    if (pick < 0) break;
    const leaf = leaves[pick];
    const { column: u, bin } = leaf.split!;
    let mid = leaf.start;
    for (let k = leaf.start; k < leaf.end; k++) {
      const i = order[k];
      if (codes[i * nc + u] <= binStart[u] + bin) {
        order[k] = order[mid];
        order[mid++] = i;
      }
    }
    const leftNode = tree.feature.length;
    tree.feature[leaf.node] = binned.columns[u];
    tree.threshold[leaf.node] = binned.edges[u][bin];
    tree.left[leaf.node] = leftNode;
    tree.right[leaf.node] = leftNode + 1;
    for (let c = 0; c < 2; c++) tree.feature.push(-1), tree.threshold.push(0), tree.left.push(-1), tree.right.push(-1), tree.value.push(0);
    // Build the smaller child's histogram; the larger one's is the parent's minus it.
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = leftSmaller ? histogram(binned, order, leaf.start, mid, grad, hess) : histogram(binned, order, mid, leaf.end, grad, hess);
    const large = leaf.hist;
    for (let k = 0; k < large.length; k++) large[k] -= small[k];
    const [lh, rh] = leftSmaller ? [small, large] : [large, small];
    const children: Leaf[] = [
      { node: leftNode, start: leaf.start, end: mid, hist: lh, ...totals(binned, lh) },
      { node: leftNode + 1, start: mid, end: leaf.end, hist: rh, ...totals(binned, rh) },
    ];
    for (const child of children) child.split = findSplit(binned, child, p);
    leaves.splice(pick, 1, ...children);
  }
  for (const leaf of leaves) {
    const v = (-leaf.grad / (leaf.hess + p.l2 + 1e-12)) * p.learningRate;
    tree.value[leaf.node] = v;
    for (let k = leaf.start; k < leaf.end; k++) logit[order[k]] += v;
  }
  return tree;
}

export interface FitForestOptions {
  x: Matrix;
  y: Float32Array;
  /** Training rows of `x`. */
  rows: Int32Array;
  /** Encoded columns to split on (see treeColumns). */
  columns: readonly number[];
  /** Held-out rows for early stopping. */
  validation: { x: Matrix; y: Float32Array };
  classWeight: ClassWeight;
  params?: Partial<TreeParams>;
  name?: string;
  onProgress?: ProgressCallback;
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

/** Trains a forest on `rows`, stopping when the validation log loss stops improving; returns it with its validation logits. */
export function fitForest(options: FitForestOptions): { forest: Forest; valLogits: Float32Array; trees: number } {
  const { x, y, rows, validation, classWeight, name = "gbdt", onProgress } = options;
  const p: TreeParams = { ...defaultTreeParams, ...options.params };
  const n = rows.length;
  const binned = binRows(x, rows, options.columns, p.maxBins);
  const weight = Float64Array.from(rows, (r) => (y[r] === 1 ? classWeight.positive : classWeight.negative));
  const label = Float64Array.from(rows, (r) => y[r]);
  let wPos = 0;
  let wAll = 0;
  for (let i = 0; i < n; i++) (wAll += weight[i]), (wPos += weight[i] * label[i]);
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, wPos / Math.max(wAll, 1e-12)));
  const base = Math.log(rate / (1 - rate));
  const logit = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const vy = validation.y;
  const valLogit = new Float32Array(vy.length).fill(base);
  const trees: Tree[] = [];
  let best = { loss: Number.POSITIVE_INFINITY, trees: 0, valLogits: valLogit.slice() };
  for (let t = 0; t < p.maxTrees && binned.columns.length > 0; t++) {
    for (let i = 0; i < n; i++) {
      const prob = 1 / (1 + Math.exp(-logit[i]));
      grad[i] = weight[i] * (prob - label[i]);
      hess[i] = weight[i] * prob * (1 - prob);
    }
    const tree = growTree(binned, grad, hess, logit, p);
    trees.push(tree);
    const step = forestLogits({ base: 0, trees: [tree] }, validation.x);
    for (let i = 0; i < vy.length; i++) valLogit[i] += step[i];
    const loss = weightedLogLoss(vy, valLogit, classWeight);
    if (loss < best.loss) best = { loss, trees: trees.length, valLogits: valLogit.slice() };
    if ((t + 1) % 10 === 0) onProgress?.({ candidate: name, epoch: t + 1, unit: "trees", loss: weightedLogLoss(label, logit, classWeight), valAuc: rocAuc(vy, valLogit) });
    if (trees.length - best.trees >= p.patience) break;
  }
  return { forest: { base, trees: trees.slice(0, best.trees) }, valLogits: best.valLogits, trees: best.trees };
}
