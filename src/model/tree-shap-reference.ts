import type { Tree } from "./boosted-trees.ts";
import type { Matrix } from "./types.ts";

/*
 * Slow, obviously-exact path-dependent TreeSHAP, kept as references for the fast tables in
 * tree-shap.ts: the textbook recursion (Lundberg et al. 2018, Algorithm 2, with EXTEND/UNWIND as in
 * the shap package's tree_shap.h), and brute-force Shapley values over every subset of columns.
 * The textbook recursion also explains trees whose paths are too deep for the fast bit masks.
 */

/** One feature on the unique path: its zero fraction (cover kept when it is unknown), one fraction (row satisfies it) and weight. */
interface PathElement {
  feature: number;
  zero: number;
  one: number;
  weight: number;
}

/** EXTEND: adds a feature to the path, updating the weights of every subset size. */
function extendPath(path: PathElement[], zero: number, one: number, feature: number): void {
  const depth = path.length;
  path.push({ feature, zero, one, weight: depth === 0 ? 1 : 0 });
  for (let i = depth - 1; i >= 0; i--) {
    path[i + 1].weight += (one * path[i].weight * (i + 1)) / (depth + 1);
    path[i].weight = (zero * path[i].weight * (depth - i)) / (depth + 1);
  }
}

/** UNWIND: removes element `at` from the path, undoing its EXTEND (used when a feature repeats on a path). */
function unwindPath(path: PathElement[], at: number): void {
  const depth = path.length - 1;
  const { one, zero } = path[at];
  let next = path[depth].weight;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const kept = path[i].weight;
      path[i].weight = (next * (depth + 1)) / ((i + 1) * one);
      next = kept - (path[i].weight * zero * (depth - i)) / (depth + 1);
    } else {
      path[i].weight = (path[i].weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  // Weights stay by subset size; the removed feature's fractions leave the list.
  for (let i = at; i < depth; i++)
    Object.assign(path[i], { feature: path[i + 1].feature, zero: path[i + 1].zero, one: path[i + 1].one });
  path.pop();
}

/** Total weight of the path with element `at` unwound, without changing the path. */
function unwoundPathSum(path: PathElement[], at: number): number {
  const depth = path.length - 1;
  const { one, zero } = path[at];
  let next = path[depth].weight;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const w = (next * (depth + 1)) / ((i + 1) * one);
      total += w;
      next = path[i].weight - (w * zero * (depth - i)) / (depth + 1);
    } else if (zero !== 0) {
      total += path[i].weight / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

function recurse(
  tree: Tree,
  x: Matrix,
  row: number,
  phi: Float64Array,
  node: number,
  parent: PathElement[],
  zero: number,
  one: number,
  feature: number,
): void {
  const path = parent.map((e) => ({ ...e }));
  extendPath(path, zero, one, feature);
  const split = tree.feature[node];
  if (split < 0) {
    for (let i = 1; i < path.length; i++)
      phi[path[i].feature] += unwoundPathSum(path, i) * (path[i].one - path[i].zero) * tree.value[node];
    return;
  }
  const goLeft = x.data[row * x.cols + split] <= tree.threshold[node];
  const hot = goLeft ? tree.left[node] : tree.right[node];
  const cold = goLeft ? tree.right[node] : tree.left[node];
  let inZero = 1;
  let inOne = 1;
  const seen = path.findIndex((e) => e.feature === split);
  // A feature split on again: undo its earlier entry and carry its fractions into this split.
  if (seen > 0) {
    inZero = path[seen].zero;
    inOne = path[seen].one;
    unwindPath(path, seen);
  }
  recurse(tree, x, row, phi, hot, path, (tree.count[hot] / tree.count[node]) * inZero, inOne, split);
  recurse(tree, x, row, phi, cold, path, (tree.count[cold] / tree.count[node]) * inZero, 0, split);
}

/** Adds one tree's path-dependent TreeSHAP values for row `row` of `x` into `phi` (length x.cols): the textbook recursion. */
export function treeShapRecursive(tree: Tree, x: Matrix, row: number, phi: Float64Array): void {
  recurse(tree, x, row, phi, 0, [], 1, 1, -1);
}

/** E[tree(x) | x_S] under the path-dependent rule: follow the row on features in S, split by cover otherwise. */
export function conditionalValue(
  tree: Tree,
  x: Matrix,
  row: number,
  known: (feature: number) => boolean,
  node = 0,
): number {
  const f = tree.feature[node];
  if (f < 0) return tree.value[node];
  const [l, r] = [tree.left[node], tree.right[node]];
  if (known(f)) return conditionalValue(tree, x, row, known, x.data[row * x.cols + f] <= tree.threshold[node] ? l : r);
  return (
    (tree.count[l] * conditionalValue(tree, x, row, known, l) +
      tree.count[r] * conditionalValue(tree, x, row, known, r)) /
    tree.count[node]
  );
}

/** Exact Shapley values of every column for one row by enumerating all 2^cols subsets (tiny matrices only). */
export function bruteForceShap(tree: Tree, x: Matrix, row: number): Float64Array {
  const m = x.cols;
  const phi = new Float64Array(m);
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const values = Float64Array.from({ length: 1 << m }, (_, s) =>
    conditionalValue(tree, x, row, (f) => ((s >> f) & 1) === 1),
  );
  for (let s = 0; s < 1 << m; s++) {
    let size = 0;
    for (let f = 0; f < m; f++) size += (s >> f) & 1;
    const weight = (factorial(size) * factorial(m - size - 1)) / factorial(m);
    for (let i = 0; i < m; i++) if (((s >> i) & 1) === 0) phi[i] += weight * (values[s | (1 << i)] - values[s]);
  }
  return phi;
}
