import { AppError, ErrorCode } from "../errors.ts";
import type { Forest, Tree } from "./boosted-trees.ts";

/*
 * A forest compiled for fast path-dependent TreeSHAP (used by tree-shap.ts). Each tree is cut into
 * groups: subtrees small enough that their leaves' contributions, together, are a function of a
 * key of at most `groupBits` bits: which of the features on the path down to the group the row
 * has failed a condition of, plus the direction the row takes at each split inside the group.
 * A leaf deeper than that is a group of its own, keyed by its path's failed features alone.
 * Nodes above the groups carry those "failed" bits down. A group's contributions per key are
 * computed once (tree-shap-shares.ts) into a table; a group whose table would not fit is computed per row.
 */

/** Masks live in int32 bits; a tree with a path of more unique features is left to the textbook recursion. */
export const MASK_BITS = 30;

/** How a forest is cut into groups and how much table it may have. */
export interface PlanLimits {
  /** Most key bits of a group of several leaves. */
  groupBits: number;
  /** Most key bits of any table (2^bits rows); groups with longer keys are computed per row in O(d²) a leaf. */
  tableBits: number;
  /** Most table cells (float32) per forest: past it groups get smaller, then the largest tables are left out (computed per row). */
  tableCells: number;
}

/** A compiled forest: flat typed arrays; node numbers are absolute over the forest (they index the failed-bits scratch). */
export interface Plan {
  limits: PlanLimits;
  /** base + each tree's cover-weighted mean leaf value. */
  expected: number;
  /** Largest column any tree tests, so a too-narrow matrix is refused. */
  maxFeature: number;
  /** Nodes of all trees, most groups in one tree, most unique features on a leaf's path and widest group: scratch sizes. */
  nodes: number;
  maxGroups: number;
  maxDepth: number;
  maxWidth: number;
  /** Trees with a path of more than MASK_BITS unique features, explained by the recursion instead. */
  recursive: (Tree | undefined)[];
  roots: Int32Array;
  /** Per tree t: its nodes above groups pathStart[t]…pathStart[t + 1] − 1 (parents first), its groups groupStart[t]…. */
  pathStart: Int32Array;
  groupStart: Int32Array;
  /** Per node above groups: its number, split, the failed-feature bit its split sets, its children's numbers. */
  pathNode: Int32Array;
  pathFeature: Int32Array;
  pathThreshold: Float32Array;
  pathBit: Int32Array;
  pathLeft: Int32Array;
  pathRight: Int32Array;
  /** Per group: root node number, key bits from the path above it, splits inside it innerStart[g]…innerStart[g + 1] − 1. */
  groupRoot: Int32Array;
  groupPathBits: Int32Array;
  groupInnerStart: Int32Array;
  /** Per group: output columns groupFeature[groupFeatureStart[g] + k], k < width. */
  groupWidth: Int32Array;
  groupFeatureStart: Int32Array;
  groupFeature: Int32Array;
  /** First table cell (−1: no table) and first ready flag: table[cell + key·width + k] is valid once ready[slot + key]. */
  groupCell: Int32Array;
  groupSlot: Int32Array;
  groupLeafStart: Int32Array;
  /** Per split inside a group: its test and the key bit set when the row goes right. */
  innerFeature: Int32Array;
  innerThreshold: Float32Array;
  innerBit: Int32Array;
  /** Per leaf: its d unique path features (as group columns `leafColumn`, zero fractions `leafZero`) and the splits inside its group. */
  leafValue: Float64Array;
  leafDepth: Int32Array;
  leafFeatureStart: Int32Array;
  leafColumn: Int32Array;
  leafZero: Float64Array;
  leafCondStart: Int32Array;
  /** Per leaf of a group of several, its memo of value × shares per failed-bits mask (cell −1: none), like the group tables. */
  leafCell: Int32Array;
  leafSlot: Int32Array;
  /**
   * Per split above a leaf inside its group: the split's key bit, 1 if the leaf lies to its right, the leaf's
   * path position of its feature.
   */
  condKeyBit: Int32Array;
  condRight: Int32Array;
  condPosition: Int32Array;
  ready: Uint8Array;
  table: Float32Array;
  leafReady: Uint8Array;
  leafTable: Float32Array;
}

const float32Keys = ["pathThreshold", "innerThreshold"] as const;
const float64Keys = ["leafValue", "leafZero"] as const;
const int32Keys = [
  ...["pathNode", "pathFeature", "pathBit", "pathLeft", "pathRight", "innerFeature", "innerBit"],
  ...[
    "groupRoot",
    "groupPathBits",
    "groupInnerStart",
    "groupWidth",
    "groupFeatureStart",
    "groupFeature",
    "groupCell",
    "groupSlot",
    "groupLeafStart",
  ],
  ...[
    "leafDepth",
    "leafFeatureStart",
    "leafColumn",
    "leafCondStart",
    "leafCell",
    "leafSlot",
    "condKeyBit",
    "condRight",
    "condPosition",
  ],
] as const;
const arrayKeys = [...float32Keys, ...float64Keys, ...int32Keys];
type ArrayKey = (typeof arrayKeys)[number];

/** The plan while it is built: plain arrays, and table sizes as counts. */
type Draft = Record<ArrayKey, number[]> &
  Pick<Plan, "limits" | "expected" | "maxDepth" | "maxWidth"> & {
    /** Per group, its key bits; and the cells its table needs (0: key too long for a table). */
    groupKeyBits: number[];
    groupCells: number[];
    roots: number[];
    pathStart: number[];
    groupStart: number[];
    recursive: (Tree | undefined)[];
  };

/** Per node, the internal nodes in its subtree; checks counts and that no node is reached twice. */
function countInternal(tree: Tree): Int32Array {
  const internal = new Int32Array(tree.feature.length);
  const seen = new Uint8Array(tree.feature.length);
  const visit = (node: number): number => {
    if (!(node >= 0 && node < internal.length) || seen[node]++)
      throw new AppError(
        ErrorCode.BadInput,
        `expected a tree whose children are its own nodes, each reached once, found child ${node}`,
      );
    if (tree.feature[node] < 0) return 0;
    if (!(tree.count[node] > 0))
      throw new AppError(
        ErrorCode.BadInput,
        `expected positive counts at internal nodes, found ${tree.count[node]} at node ${node}`,
      );
    const count = 1 + visit(tree.left[node]) + visit(tree.right[node]);
    internal[node] = count;
    return count;
  };
  visit(0);
  return internal;
}

/** Unique features and their zero fractions after taking the split at `node` towards `child`. */
function extendPath(
  tree: Tree,
  node: number,
  child: number,
  features: number[],
  zeros: number[],
): [number[], number[], number] {
  const f = tree.feature[node];
  const seen = features.indexOf(f);
  const at = seen < 0 ? features.length : seen;
  const z = [...zeros];
  z[at] = (seen < 0 ? 1 : z[at]) * (tree.count[child] / tree.count[node]);
  return [seen < 0 ? [...features, f] : features, z, at];
}

/** Adds the group rooted at `root` (its path above given by features/zeros) and its leaves to the draft. */
function addGroup(
  draft: Draft,
  tree: Tree,
  offset: number,
  root: number,
  features: number[],
  zeros: number[],
  keyBits: number,
): void {
  const columns = [...features];
  let inner = features.length;
  const visit = (node: number, f: number[], z: number[], conds: number[][]): void => {
    if (tree.feature[node] < 0) {
      const slots = f.map((c) => (columns.includes(c) ? columns.indexOf(c) : columns.push(c) - 1));
      draft.leafValue.push(tree.value[node]);
      draft.leafDepth.push(f.length);
      draft.leafFeatureStart.push(draft.leafColumn.length);
      draft.leafCondStart.push(draft.condKeyBit.length);
      draft.leafColumn.push(...slots);
      draft.leafZero.push(...z);
      for (const [bit, right, position] of conds) {
        draft.condKeyBit.push(bit);
        draft.condRight.push(right);
        draft.condPosition.push(position);
      }
      draft.maxDepth = Math.max(draft.maxDepth, f.length);
      // With every feature unknown a leaf weighs the product of its cover fractions.
      draft.expected += tree.value[node] * z.reduce((a, b) => a * b, 1);
      return;
    }
    const bit = inner++;
    draft.innerFeature.push(tree.feature[node]);
    draft.innerThreshold.push(tree.threshold[node]);
    draft.innerBit.push(1 << bit);
    [tree.left[node], tree.right[node]].forEach((child, right) => {
      const [cf, cz, at] = extendPath(tree, node, child, f, z);
      visit(child, cf, cz, [...conds, [bit, right, at]]);
    });
  };
  const first = draft.leafValue.length;
  draft.groupRoot.push(offset + root);
  draft.groupPathBits.push(features.length);
  draft.groupInnerStart.push(draft.innerBit.length);
  draft.groupLeafStart.push(first);
  visit(root, features, zeros, []);
  const width = columns.length;
  draft.groupWidth.push(width);
  draft.groupFeatureStart.push(draft.groupFeature.length);
  draft.groupFeature.push(...columns);
  draft.groupKeyBits.push(keyBits);
  draft.groupCells.push(keyBits <= draft.limits.tableBits ? width * 2 ** keyBits : 0);
  draft.maxWidth = Math.max(draft.maxWidth, width);
}

/**
 * Places tables within the budget, smallest first (a group without one costs O(leaves × d²) a row),
 * then memos for the leaves of tabled groups of several leaves: a group has 2^keyBits keys but each
 * leaf sees only its own d bits of them, so filling the group's table reads each leaf's shares from
 * its memo instead of recomputing them. Returns the table and memo sizes.
 */
function placeTables(draft: Draft): { cells: number; slots: number; leafCells: number; leafSlots: number } {
  const budget = draft.limits.tableCells;
  const groups = draft.groupCells.map((_, g) => g).sort((a, b) => draft.groupCells[a] - draft.groupCells[b]);
  let [cells, slots, leafCells, leafSlots] = [0, 0, 0, 0];
  draft.groupCell = draft.groupCells.map(() => -1);
  draft.groupSlot = draft.groupCells.map(() => -1);
  for (const g of groups) {
    const need = draft.groupCells[g];
    if (need === 0 || cells + need > budget) continue;
    [draft.groupCell[g], draft.groupSlot[g]] = [cells, slots];
    cells += need;
    slots += 2 ** draft.groupKeyBits[g];
  }
  draft.leafCell = draft.leafValue.map(() => -1);
  draft.leafSlot = draft.leafValue.map(() => -1);
  draft.groupRoot.forEach((_, g) => {
    const [first, end] = [draft.groupLeafStart[g], draft.groupLeafStart[g + 1]];
    for (let l = first; l < end && end - first > 1 && draft.groupCell[g] >= 0; l++) {
      const need = draft.leafDepth[l] * 2 ** draft.leafDepth[l];
      if (cells + leafCells + need > budget) continue;
      [draft.leafCell[l], draft.leafSlot[l]] = [leafCells, leafSlots];
      leafCells += need;
      leafSlots += 2 ** draft.leafDepth[l];
    }
  });
  return { cells, slots, leafCells, leafSlots };
}

/** Splits one tree into path nodes and groups; false if some path has more unique features than MASK_BITS. */
function compileTree(draft: Draft, tree: Tree, offset: number): boolean {
  const internal = countInternal(tree);
  let shallow = true;
  const visit = (node: number, features: number[], zeros: number[]): void => {
    shallow &&= features.length <= MASK_BITS;
    const keyBits = features.length + internal[node];
    if (tree.feature[node] < 0 || keyBits <= draft.limits.groupBits) {
      addGroup(draft, tree, offset, node, features, zeros, keyBits);
      return;
    }
    const at = features.includes(tree.feature[node]) ? features.indexOf(tree.feature[node]) : features.length;
    draft.pathNode.push(offset + node);
    draft.pathFeature.push(tree.feature[node]);
    draft.pathThreshold.push(tree.threshold[node]);
    draft.pathBit.push(at < MASK_BITS ? 1 << at : 0);
    draft.pathLeft.push(offset + tree.left[node]);
    draft.pathRight.push(offset + tree.right[node]);
    for (const child of [tree.left[node], tree.right[node]]) {
      const [cf, cz] = extendPath(tree, node, child, features, zeros);
      visit(child, cf, cz);
    }
  };
  visit(0, [], []);
  return shallow;
}

/** Cuts every tree of `forest` into groups within `limits`. */
function draftPlan(forest: Forest, limits: PlanLimits): Draft {
  const lists = Object.fromEntries(arrayKeys.map((key) => [key, [] as number[]])) as Record<ArrayKey, number[]>;
  const draft: Draft = {
    ...lists,
    limits,
    expected: forest.base,
    maxDepth: 0,
    maxWidth: 0,
    groupKeyBits: [],
    groupCells: [],
    roots: [],
    pathStart: [0],
    groupStart: [0],
    recursive: [],
  };
  let offset = 0;
  for (const tree of forest.trees) {
    draft.roots.push(offset);
    const grown = [...arrayKeys, "groupKeyBits", "groupCells"] as const;
    const marks = grown.map((key) => draft[key].length);
    const { maxDepth, maxWidth } = draft;
    const shallow = compileTree(draft, tree, offset);
    // The recursion explains a deep tree, so the hot loop gets none of it; only its expectation stays.
    if (!shallow) {
      for (const [k, key] of grown.entries()) draft[key].length = marks[k];
      Object.assign(draft, { maxDepth, maxWidth });
    }
    draft.recursive.push(shallow ? undefined : tree);
    draft.pathStart.push(draft.pathNode.length);
    draft.groupStart.push(draft.groupRoot.length);
    offset += tree.feature.length;
  }
  // Sentinels, so group g's splits and leaves and leaf l's conditions end where the next one's start.
  draft.groupInnerStart.push(draft.innerBit.length);
  draft.groupLeafStart.push(draft.leafValue.length);
  draft.leafCondStart.push(draft.condKeyBit.length);
  return draft;
}

/**
 * Compiles `forest`; tables are allocated empty and filled as rows need them. When the groups'
 * tables would pass the cell budget, groups get smaller until they fit (smaller groups cost a few
 * more adds a row; a group without a table costs O(leaves × d²) a row).
 */
export function compilePlan(forest: Forest, limits: PlanLimits): Plan {
  let draft = draftPlan(forest, limits);
  // Leaves too deep for any group need the same tables at every size, so only the rest decide it.
  const need = (d: Draft) =>
    d.groupCells.reduce((sum, cells, g) => sum + (d.groupKeyBits[g] <= d.limits.groupBits ? cells : 0), 0);
  for (let bits = limits.groupBits - 1; need(draft) > limits.tableCells && bits >= 0; bits--)
    draft = draftPlan(forest, { ...limits, groupBits: bits });
  const sizes = placeTables(draft);
  const typed = (keys: readonly ArrayKey[], make: (a: number[]) => ArrayLike<number>) =>
    Object.fromEntries(keys.map((key) => [key, make(draft[key])]));
  const arrays = {
    ...typed(float32Keys, (a) => Float32Array.from(a)),
    ...typed(float64Keys, (a) => Float64Array.from(a)),
    ...typed(int32Keys, (a) => Int32Array.from(a)),
  } as Pick<Plan, ArrayKey>;
  const { expected, maxDepth, maxWidth, recursive } = draft;
  const maxFeature = forest.trees.reduce((m, t) => Math.max(m, ...t.feature), -1);
  const nodes = forest.trees.reduce((n, t) => n + t.feature.length, 0);
  const maxGroups = draft.groupStart.reduce((m, g, t) => Math.max(m, g - (draft.groupStart[t - 1] ?? g)), 0);
  return {
    ...arrays,
    limits,
    expected,
    maxFeature,
    nodes,
    maxGroups,
    maxDepth,
    maxWidth,
    recursive,
    roots: Int32Array.from(draft.roots),
    pathStart: Int32Array.from(draft.pathStart),
    groupStart: Int32Array.from(draft.groupStart),
    ready: new Uint8Array(sizes.slots),
    table: new Float32Array(sizes.cells),
    leafReady: new Uint8Array(sizes.leafSlots),
    leafTable: new Float32Array(sizes.leafCells),
  };
}
