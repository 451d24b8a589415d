import { AppError, ErrorCode } from "../errors.ts";
import type { Forest, Tree } from "./boosted-trees.ts";
import { compilePlan, MASK_BITS, type Plan, type PlanLimits } from "./tree-shap-plan.ts";
import { treeShapRecursive } from "./tree-shap-reference.ts";
import { fillCell, fillGroup, shareScratch, type ShareScratch } from "./tree-shap-shares.ts";
import type { Matrix } from "./types.ts";

/*
 * Exact path-dependent TreeSHAP (Lundberg et al. 2018) without the per-row O(leaves × depth²)
 * recursion. A leaf's share of φ_i depends on the row only through which of its path's unique
 * features the row satisfies every condition of; the cover fractions are fixed. So the leaves of a
 * small subtree (a group, tree-shap-plan.ts) have, together, one vector of contributions per key
 * (failed path features + directions inside the group), computed the first time a row needs it
 * (tree-shap-shares.ts). A row then costs one comparison per internal node and, per group, one
 * table lookup and a few adds. Rows go in blocks, tree by tree and group by group, so the table
 * being read stays in cache.
 */

/** Options of forestContributions; the limits only trade memory for speed, the values are exact either way. */
export interface ContributionOptions extends Partial<PlanLimits> {
  /** Encoded columns to return, in this order (default every column of x). Sums to the logit only when all are kept. */
  columns?: readonly number[];
}

/** Defaults: groups of up to 2^12 keys; leaf tables up to 2^16 masks; 32M cells (128 MB, touched only as rows need them). */
const defaultLimits: PlanLimits = { groupBits: 12, tableBits: 16, tableCells: 32 << 20 };

/** Rows explained together, tree by tree, so a tree's tables stay in cache across them. */
const BLOCK_ROWS = 2048;

/** Scratch buffers of the hot loop, allocated once per call. */
interface Scratch extends ShareScratch {
  /** Per node, the failed-feature bits of the row being routed. */
  fail: Int32Array;
  /** Per row of the block × group of the tree, the group's key; then per row its table cell. */
  keys: Int32Array;
  cells: Int32Array;
  phi: Float64Array;
}

/**
 * Starts each group's key for rows start…start + count − 1 of tree t: above the groups a child
 * inherits its parent's failed features, plus this split's if the row goes the other way.
 */
function routeRows(plan: Plan, t: number, x: Matrix, start: number, count: number, s: Scratch): void {
  const { data, cols } = x;
  const { pathNode, pathFeature, pathThreshold, pathBit, pathLeft, pathRight, groupRoot } = plan;
  const { fail, keys } = s;
  const [p0, p1, g0, g1] = [plan.pathStart[t], plan.pathStart[t + 1], plan.groupStart[t], plan.groupStart[t + 1]];
  fail[plan.roots[t]] = 0;
  for (let r = 0; r < count; r++) {
    const row = (start + r) * cols;
    for (let k = p0; k < p1; k++) {
      const f = fail[pathNode[k]];
      // 0 or −1 (all bits), so the update has no branch to mispredict.
      const goRight = -+!(data[row + pathFeature[k]] <= pathThreshold[k]);
      fail[pathLeft[k]] = f | (pathBit[k] & goRight);
      fail[pathRight[k]] = f | (pathBit[k] & ~goRight);
    }
    for (let g = g0; g < g1; g++) keys[g - g0 + r * (g1 - g0)] = fail[groupRoot[g]];
  }
}

/** Adds each split inside tree t's groups to its group's keys: split by split, over all rows of the block. */
function keyInnerSplits(plan: Plan, t: number, x: Matrix, start: number, count: number, s: Scratch): void {
  const { data, cols } = x;
  const { groupInnerStart, innerFeature, innerThreshold, innerBit } = plan;
  const { keys } = s;
  const [g0, g1] = [plan.groupStart[t], plan.groupStart[t + 1]];
  const groups = g1 - g0;
  for (let g = g0; g < g1; g++) {
    for (let k = groupInnerStart[g]; k < groupInnerStart[g + 1]; k++) {
      const [bit, threshold] = [innerBit[k], innerThreshold[k]];
      let at = start * cols + innerFeature[k];
      for (let i = g - g0; i < count * groups; i += groups, at += cols) keys[i] |= bit & -+!(data[at] <= threshold);
    }
  }
}

/** Adds tree t's groups' table rows for the block's keys into acc (count × cols), group by group so one table is in cache at a time. */
function addGroups(plan: Plan, t: number, count: number, cols: number, acc: Float64Array, s: Scratch): void {
  const { groupWidth, groupFeatureStart, groupFeature, groupCell, groupSlot, ready } = plan;
  const { keys, cells, group } = s;
  const [g0, g1] = [plan.groupStart[t], plan.groupStart[t + 1]];
  const stride = g1 - g0;
  for (let g = g0; g < g1; g++) {
    const [w, fs, slot] = [groupWidth[g], groupFeatureStart[g], groupSlot[g]];
    if (slot < 0) {
      for (let r = 0; r < count; r++) {
        fillGroup(plan, g, keys[g - g0 + r * stride], s);
        for (let k = 0; k < w; k++) acc[r * cols + groupFeature[fs + k]] += group[k];
      }
      continue;
    }
    for (let r = 0, i = g - g0; r < count; r++, i += stride) {
      const cell = groupCell[g] + keys[i] * w;
      if (ready[slot + keys[i]] === 0) fillCell(plan, g, keys[i], cell, s);
      cells[r] = cell;
    }
    addColumns(plan.table, cells, groupFeature.subarray(fs, fs + w), count, cols, acc);
  }
}

/**
 * acc[r·cols + columns[k]] += table[cells[r] + k] for every row r < count and k: four columns at a
 * time, so each row's cell is read once per four adds, and over all rows so the adds pipeline.
 */
function addColumns(
  table: Float32Array,
  cells: Int32Array,
  columns: Int32Array,
  count: number,
  cols: number,
  acc: Float64Array,
): void {
  let k = 0;
  for (; k + 4 <= columns.length; k += 4) {
    const [a, b, c, d] = [columns[k], columns[k + 1], columns[k + 2], columns[k + 3]];
    for (let r = 0, row = 0; r < count; r++, row += cols) {
      const at = cells[r] + k;
      acc[row + a] += table[at];
      acc[row + b] += table[at + 1];
      acc[row + c] += table[at + 2];
      acc[row + d] += table[at + 3];
    }
  }
  for (; k < columns.length; k++)
    for (let r = 0, at = columns[k]; r < count; r++, at += cols) acc[at] += table[cells[r] + k];
}

/** The textbook recursion for a tree too deep for bit masks. */
function explainDeepTree(
  tree: Tree,
  x: Matrix,
  start: number,
  count: number,
  acc: Float64Array,
  phi: Float64Array,
): void {
  for (let r = 0; r < count; r++) {
    phi.fill(0);
    treeShapRecursive(tree, x, start + r, phi);
    for (let c = 0; c < x.cols; c++) acc[r * x.cols + c] += phi[c];
  }
}

/** Every tree's contributions for rows start…start + count − 1, into acc (count × cols). */
function explainBlock(plan: Plan, x: Matrix, start: number, count: number, acc: Float64Array, s: Scratch): void {
  acc.fill(0);
  for (let t = 0; t < plan.roots.length; t++) {
    const deep = plan.recursive[t];
    if (deep) {
      explainDeepTree(deep, x, start, count, acc, s.phi);
      continue;
    }
    routeRows(plan, t, x, start, count, s);
    keyInnerSplits(plan, t, x, start, count, s);
    addGroups(plan, t, count, x.cols, acc, s);
  }
}

/** Compiled forests with their tables; a forest is not expected to change once explained (like forestLogits' packing). */
const plans = new WeakMap<Forest, Plan>();

function planFor(forest: Forest, limits: PlanLimits): Plan {
  let plan = plans.get(forest);
  const same = plan && (Object.keys(limits) as (keyof PlanLimits)[]).every((k) => plan!.limits[k] === limits[k]);
  if (!plan || !same) {
    plan = compilePlan(forest, limits);
    plans.set(forest, plan);
  }
  return plan;
}

/**
 * Exact path-dependent TreeSHAP values of a boosted forest's logit for every row of `x`: per row,
 * `expected + Σ contributions = forestLogits(forest, x)`. `expected` is the logit with every feature
 * unknown: base plus each tree's leaf values weighted by cover. Contributions are rows × columns, row-major.
 * Tables fill as rows need them and stay with the forest (weakly) for later calls.
 */
export function forestContributions(
  forest: Forest,
  x: Matrix,
  options: ContributionOptions = {},
): { expected: number; contributions: Float32Array } {
  const {
    columns,
    groupBits = defaultLimits.groupBits,
    tableBits = defaultLimits.tableBits,
    tableCells = defaultLimits.tableCells,
  } = options;
  const bits = (b: number) => Math.max(0, Math.min(MASK_BITS, Math.floor(b)));
  const plan = planFor(forest, {
    groupBits: bits(Math.min(groupBits, tableBits)),
    tableBits: bits(tableBits),
    tableCells,
  });
  const { cols } = x;
  const picked = columns ?? Array.from({ length: cols }, (_, c) => c);
  const bad = picked.filter((c) => !(Number.isInteger(c) && c >= 0 && c < cols));
  if (bad.length > 0)
    throw new AppError(ErrorCode.BadInput, `expected columns in 0…${cols - 1}, found ${bad.join(", ")}`, { bad });
  if (plan.maxFeature >= cols)
    throw new AppError(
      ErrorCode.BadInput,
      `expected at least ${plan.maxFeature + 1} columns for this forest, found ${cols}`,
    );
  const s: Scratch = {
    ...shareScratch(plan),
    fail: new Int32Array(plan.nodes),
    keys: new Int32Array(BLOCK_ROWS * plan.maxGroups),
    cells: new Int32Array(BLOCK_ROWS),
    phi: new Float64Array(cols),
  };
  const contributions = new Float32Array(x.rows * picked.length);
  const acc = new Float64Array(BLOCK_ROWS * cols);
  for (let start = 0; start < x.rows; start += BLOCK_ROWS) {
    const count = Math.min(BLOCK_ROWS, x.rows - start);
    explainBlock(plan, x, start, count, acc, s);
    for (let r = 0; r < count; r++)
      for (let k = 0; k < picked.length; k++)
        contributions[(start + r) * picked.length + k] = acc[r * cols + picked[k]];
  }
  return { expected: plan.expected, contributions };
}
