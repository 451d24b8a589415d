import type { BinnedRows } from "./bin-rows.ts";
import type { TreeParams } from "./boosted-trees.ts";

/*
 * Growing one boosted tree over binned rows (bin-rows.ts): best-first splits found on per-leaf
 * histograms of gradient and hessian, the larger child's histogram being the parent's minus the
 * smaller's (the LightGBM / HistGradientBoosting recipe). Trees grow in bin space (column u,
 * bin b); boosted-trees.ts turns them into encoded thresholds.
 */

/** One tree in bin space: internal nodes go left when the row's code in column `column[n]` is ≤ `bin[n]`. */
export interface BinTree {
  column: number[];
  bin: number[];
  left: number[];
  right: number[];
  value: number[];
  count: number[];
}

/** Logit steps of one bin-space tree for every row of `binned`, added to `out`. */
export function addBinTree(tree: BinTree, binned: BinnedRows, out: Float32Array | Float64Array): void {
  const { codes, rows: n } = binned;
  for (let r = 0; r < n; r++) {
    let node = 0;
    while (tree.column[node] >= 0)
      node = codes[tree.column[node] * n + r] <= tree.bin[node] ? tree.left[node] : tree.right[node];
    out[r] += tree.value[node];
  }
}

interface Split {
  gain: number;
  column: number;
  bin: number;
  /** Child values before the learning rate, inside the leaf's bounds. */
  left: number;
  right: number;
}

/**
 * A leaf being grown: its rows are order[start, end); hist holds per global bin (gradient, hessian); values must
 * stay in [lower, upper].
 */
interface Leaf {
  node: number;
  start: number;
  end: number;
  hist: Float64Array;
  grad: number;
  hess: number;
  lower: number;
  upper: number;
  split?: Split;
}

/** Rows from which a histogram is built in four partial histograms per column. */
const PARTIAL_FROM = 2048;

/** Reused buffers of one growTree call: gradients gathered in leaf order, and the partition's right side. */
interface Scratch {
  grad: Float64Array;
  hess: Float64Array;
  right: Int32Array;
  /** Four partial histograms of one column (at most 256 bins × gradient, hessian each). */
  part: Float64Array;
}

/**
 * Per-bin sums of gradient and hessian over order[start, end), one column at a time over
 * gradients gathered once in leaf order (HistGradientBoosting's "ordered gradients"). Row counts
 * are not summed: like LightGBM, a bin's count is estimated from its hessian share.
 */
function histogram(
  binned: BinnedRows,
  order: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  scratch: Scratch,
): Float64Array {
  const { codes, binStart, rows: n } = binned;
  const nc = binned.columns.length;
  const hist = new Float64Array(binStart[nc] * 2);
  const g = scratch.grad;
  const h = scratch.hess;
  const m = end - start;
  const idx = order.subarray(start, end);
  for (let k = 0; k < m; k++) {
    const i = idx[k];
    g[k] = grad[i];
    h[k] = hess[i];
  }
  if (m < PARTIAL_FROM) {
    // Few rows: one accumulator (clearing four partial histograms per column would cost more).
    for (let u = 0; u < nc; u++) {
      const col = codes.subarray(u * n, (u + 1) * n);
      const h0 = binStart[u] << 1;
      for (let k = 0; k < m; k++) {
        const at = h0 + (col[idx[k]] << 1);
        hist[at] += g[k];
        hist[at + 1] += h[k];
      }
    }
    return hist;
  }
  // Four interleaved partial histograms per column: consecutive rows often fall in the same bin
  // (binary and low-cardinality columns), and one accumulator would serialise on that add.
  const part = scratch.part;
  for (let u = 0; u < nc; u++) {
    const col = codes.subarray(u * n, (u + 1) * n);
    const width = (binStart[u + 1] - binStart[u]) << 1;
    part.fill(0, 0, 4 * width);
    let k = 0;
    for (; k + 3 < m; k += 4) {
      const a = col[idx[k]] << 1;
      const b = width + (col[idx[k + 1]] << 1);
      const c = 2 * width + (col[idx[k + 2]] << 1);
      const d = 3 * width + (col[idx[k + 3]] << 1);
      part[a] += g[k];
      part[a + 1] += h[k];
      part[b] += g[k + 1];
      part[b + 1] += h[k + 1];
      part[c] += g[k + 2];
      part[c + 1] += h[k + 2];
      part[d] += g[k + 3];
      part[d + 1] += h[k + 3];
    }
    for (; k < m; k++) {
      const a = col[idx[k]] << 1;
      part[a] += g[k];
      part[a + 1] += h[k];
    }
    const h0 = binStart[u] << 1;
    for (let j = 0; j < width; j++)
      hist[h0 + j] = part[j] + part[width + j] + part[2 * width + j] + part[3 * width + j];
  }
  return hist;
}

function totals(binned: BinnedRows, hist: Float64Array): { grad: number; hess: number } {
  let grad = 0;
  let hess = 0;
  for (let b = 0; b < binned.binStart[1]; b++) {
    grad += hist[b * 2];
    hess += hist[b * 2 + 1];
  }
  return { grad, hess };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
/** Second-order loss of a leaf holding value w: g·w + ½(h + λ)w² (lower is better). */
const objective = (g: number, h: number, w: number, l2: number) => g * w + 0.5 * (h + l2) * w * w;

/**
 * The split of `leaf` with the largest loss reduction that leaves minLeafRows rows on each side.
 * Values are clipped to the leaf's bounds, and a monotone column (+1: value up → logit up) only
 * splits where the children's order agrees with its direction.
 */
function findSplit(binned: BinnedRows, leaf: Leaf, p: TreeParams, monotone?: Int8Array): Split | undefined {
  const { binStart } = binned;
  const rowsIn = leaf.end - leaf.start;
  if (rowsIn < 2 * p.minLeafRows) return undefined;
  const { lower, upper, hist } = leaf;
  const parentValue = clamp(-leaf.grad / (leaf.hess + p.l2), lower, upper);
  const parentLoss = objective(leaf.grad, leaf.hess, parentValue, p.l2);
  let split: Split | undefined;
  const rowsPerHess = rowsIn / Math.max(leaf.hess, 1e-12);
  for (let u = 0; u < binned.columns.length; u++) {
    const h0 = binStart[u] * 2;
    const last = binStart[u + 1] - binStart[u] - 1;
    const direction = monotone ? monotone[u] : 0;
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < last; b++) {
      gl += hist[h0 + b * 2];
      hl += hist[h0 + b * 2 + 1];
      const cl = hl * rowsPerHess;
      if (cl < p.minLeafRows) continue;
      if (rowsIn - cl < p.minLeafRows) break;
      const gr = leaf.grad - gl;
      const hr = leaf.hess - hl;
      if (hl < 1e-3 || hr < 1e-3) continue;
      const wl = clamp(-gl / (hl + p.l2), lower, upper);
      const wr = clamp(-gr / (hr + p.l2), lower, upper);
      if ((direction > 0 && wl > wr) || (direction < 0 && wl < wr)) continue;
      const gain = parentLoss - objective(gl, hl, wl, p.l2) - objective(gr, hr, wr, p.l2);
      if (gain > (split?.gain ?? 1e-9)) split = { gain, column: u, bin: b, left: wl, right: wr };
    }
  }
  return split;
}

/** Bounds of the two children: a monotone split caps each side at the midpoint of their values, so later splits keep the order. */
function childBounds(leaf: Leaf, split: Split, direction: number): [[number, number], [number, number]] {
  if (direction === 0)
    return [
      [leaf.lower, leaf.upper],
      [leaf.lower, leaf.upper],
    ];
  const mid = (split.left + split.right) / 2;
  return direction > 0
    ? [
        [leaf.lower, mid],
        [mid, leaf.upper],
      ]
    : [
        [mid, leaf.upper],
        [leaf.lower, mid],
      ];
}

/**
 * Grows one tree best-first (the leaf whose split gains most is split next) from the rows in
 * `order` (all rows, or a subsample). Rows are partitioned in place in `order`, so each leaf owns
 * a contiguous range.
 */
export function growTree(
  binned: BinnedRows,
  grad: Float64Array,
  hess: Float64Array,
  order: Int32Array,
  p: TreeParams,
  monotone?: Int8Array,
): BinTree {
  const { codes } = binned;
  const n = order.length;
  const scratch: Scratch = {
    grad: new Float64Array(n),
    hess: new Float64Array(n),
    right: new Int32Array(n),
    part: new Float64Array(4 * 512),
  };
  const tree: BinTree = { column: [-1], bin: [0], left: [-1], right: [-1], value: [0], count: [n] };
  const rootHist = histogram(binned, order, 0, n, grad, hess, scratch);
  const root: Leaf = {
    node: 0,
    start: 0,
    end: n,
    hist: rootHist,
    ...totals(binned, rootHist),
    lower: -Infinity,
    upper: Infinity,
  };
  root.split = findSplit(binned, root, p, monotone);
  const leaves: Leaf[] = [root];
  while (leaves.length < p.maxLeaves) {
    let pick = -1;
    for (let k = 0; k < leaves.length; k++)
      if (leaves[k].split && (pick < 0 || leaves[k].split!.gain > leaves[pick].split!.gain)) pick = k;
    if (pick < 0) break;
    const leaf = leaves[pick];
    const split = leaf.split!;
    const { column: u, bin } = split;
    // A stable partition: each leaf's rows stay in ascending order, so column reads run forward.
    const base = u * binned.rows;
    let mid = leaf.start;
    let nr = 0;
    for (let k = leaf.start; k < leaf.end; k++) {
      const i = order[k];
      if (codes[base + i] <= bin) order[mid++] = i;
      else scratch.right[nr++] = i;
    }
    order.set(scratch.right.subarray(0, nr), mid);
    const leftNode = tree.column.length;
    tree.column[leaf.node] = u;
    tree.bin[leaf.node] = bin;
    tree.left[leaf.node] = leftNode;
    tree.right[leaf.node] = leftNode + 1;
    for (let c = 0; c < 2; c++) {
      tree.column.push(-1);
      tree.bin.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
    }
    tree.count.push(mid - leaf.start, leaf.end - mid);
    const leftSmaller = mid - leaf.start <= leaf.end - mid;
    const small = leftSmaller
      ? histogram(binned, order, leaf.start, mid, grad, hess, scratch)
      : histogram(binned, order, mid, leaf.end, grad, hess, scratch);
    const large = leaf.hist;
    for (let k = 0; k < large.length; k++) large[k] -= small[k];
    const [lh, rh] = leftSmaller ? [small, large] : [large, small];
    const [lb, rb] = childBounds(leaf, split, monotone ? monotone[u] : 0);
    const children: Leaf[] = [
      { node: leftNode, start: leaf.start, end: mid, hist: lh, ...totals(binned, lh), lower: lb[0], upper: lb[1] },
      { node: leftNode + 1, start: mid, end: leaf.end, hist: rh, ...totals(binned, rh), lower: rb[0], upper: rb[1] },
    ];
    for (const child of children) child.split = findSplit(binned, child, p, monotone);
    leaves.splice(pick, 1, ...children);
  }
  for (const leaf of leaves)
    tree.value[leaf.node] = clamp(-leaf.grad / (leaf.hess + p.l2 + 1e-12), leaf.lower, leaf.upper) * p.learningRate;
  return tree;
}
