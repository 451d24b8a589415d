import type { Tree, TreeParams } from "./boosted-trees.ts";
import type { Matrix } from "./types.ts";

/*
 * Growing one boosted tree: training rows binned once per forest, then per tree best-first splits
 * found on per-leaf histograms of gradient and hessian (the LightGBM / HistGradientBoosting recipe).
 */

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
export interface BinnedRows {
  rows: number;
  /** Encoded column and bin edges of each column that has more than one value. */
  columns: number[];
  edges: Float32Array[];
  /** Column u's bins are binStart[u]…binStart[u + 1] − 1 of one histogram. */
  binStart: Int32Array;
  /** Row-major global bin numbers (rows × columns), so a histogram reads each row's codes contiguously. */
  codes: Uint16Array | Uint32Array;
}

export function binRows(x: Matrix, rows: Int32Array, columns: readonly number[], maxBins: number): BinnedRows {
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
export function growTree(binned: BinnedRows, grad: Float64Array, hess: Float64Array, logit: Float64Array, p: TreeParams): Tree {
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
