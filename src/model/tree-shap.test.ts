import { describe, expect, it } from "vitest";
import { fitForest, forestLogits, type Forest, type Tree } from "./boosted-trees.ts";
import { createRandom, type SeededRandom } from "./seeded-random.ts";
import { forestContributions } from "./tree-shap.ts";
import { bruteForceShap, treeShapRecursive } from "./tree-shap-reference.ts";
import type { Matrix } from "./types.ts";

/** A random tree over `cols` columns in [0, 1]: each split cuts its box, so every leaf has rows; features repeat on paths. */
function randomTree(random: SeededRandom, cols: number, leaves: number): { tree: Tree; centres: number[][] } {
  const tree: Tree = {
    feature: [-1],
    threshold: [0],
    left: [-1],
    right: [-1],
    value: [random.next() * 2 - 1],
    count: [0],
  };
  const boxes = [{ node: 0, lo: new Array<number>(cols).fill(0), hi: new Array<number>(cols).fill(1) }];
  while (boxes.length < leaves) {
    const [box] = boxes.splice(random.int(boxes.length), 1);
    const f = random.int(cols);
    const cut = box.lo[f] + (0.2 + 0.6 * random.next()) * (box.hi[f] - box.lo[f]);
    const l = tree.feature.length;
    [tree.feature[box.node], tree.threshold[box.node], tree.left[box.node], tree.right[box.node]] = [f, cut, l, l + 1];
    for (let c = 0; c < 2; c++) {
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(random.next() * 2 - 1);
      tree.count.push(0);
    }
    boxes.push(
      { node: l, lo: [...box.lo], hi: box.hi.map((h, k) => (k === f ? cut : h)) },
      { node: l + 1, lo: box.lo.map((v, k) => (k === f ? cut : v)), hi: [...box.hi] },
    );
  }
  for (const box of boxes) tree.count[box.node] = 1 + random.int(40);
  // Children were appended after parents, so summing backwards gives every internal node its cover.
  for (let n = tree.feature.length - 1; n >= 0; n--)
    if (tree.feature[n] >= 0) tree.count[n] = tree.count[tree.left[n]] + tree.count[tree.right[n]];
  return { tree, centres: boxes.map((b) => b.lo.map((v, k) => (v + b.hi[k]) / 2)) };
}

/** Whether some root-to-leaf path of `tree` tests one feature twice. */
function repeatsFeature(tree: Tree, node = 0, seen: number[] = []): boolean {
  const f = tree.feature[node];
  if (f < 0) return false;
  return (
    seen.includes(f) ||
    repeatsFeature(tree, tree.left[node], [...seen, f]) ||
    repeatsFeature(tree, tree.right[node], [...seen, f])
  );
}

function matrixOf(rows: number[][]): Matrix {
  return { data: Float32Array.from(rows.flat()), rows: rows.length, cols: rows[0].length };
}

function textbook(forest: Forest, x: Matrix, row: number): Float64Array {
  const phi = new Float64Array(x.cols);
  for (const tree of forest.trees) treeShapRecursive(tree, x, row, phi);
  return phi;
}

function expectSumsToLogit(forest: Forest, x: Matrix): void {
  const { expected, contributions } = forestContributions(forest, x);
  const logits = forestLogits(forest, x);
  for (let r = 0; r < x.rows; r++) {
    let sum = expected;
    for (let c = 0; c < x.cols; c++) sum += contributions[r * x.cols + c];
    expect(sum).toBeCloseTo(logits[r], 4);
  }
}

const split: Tree = {
  feature: [0, -1, -1],
  threshold: [0.5, 0, 0],
  left: [1, -1, -1],
  right: [2, -1, -1],
  value: [0, 1, -2],
  count: [100, 30, 70],
};

describe("forestContributions", () => {
  it("gives a single split's hand-computed values and exactly 0 to columns no tree uses", () => {
    const { expected, contributions } = forestContributions(
      { base: 0.5, trees: [split] },
      matrixOf([
        [0.2, 9, 9],
        [0.8, -9, 0],
      ]),
    );
    expect(expected).toBeCloseTo(0.5 + 0.3 * 1 + 0.7 * -2, 12);
    expect(Array.from(contributions)).toEqual([expect.closeTo(2.1, 6), 0, 0, expect.closeTo(-0.9, 6), 0, 0]);
    expect(forestContributions({ base: 0.5, trees: [] }, matrixOf([[1, 2]]))).toEqual({
      expected: 0.5,
      contributions: new Float32Array(2),
    });
    expect(
      forestContributions({ base: 0, trees: [split] }, { data: new Float32Array(0), rows: 0, cols: 3 }).contributions,
    ).toHaveLength(0);
  });

  it("matches the textbook recursion and brute-force Shapley values on random trees, for rows in every leaf", () => {
    // Defaults; no tables; small groups; whole trees as one group; a table budget that runs out.
    const limits = [
      {},
      { groupBits: 0, tableBits: 0 },
      { groupBits: 3 },
      { groupBits: 30, tableBits: 30 },
      { tableCells: 200 },
    ];
    const random = createRandom(11);
    let repeated = 0;
    for (let trial = 0; trial < 40; trial++) {
      const cols = 2 + random.int(4);
      const { tree, centres } = randomTree(random, cols, 2 + random.int(14));
      if (repeatsFeature(tree)) repeated++;
      const rows = [...centres, ...Array.from({ length: 10 }, () => Array.from({ length: cols }, () => random.next()))];
      const x = matrixOf(rows);
      const forest = { base: 0, trees: [tree] };
      const { contributions } = forestContributions(forest, x, limits[trial % limits.length]);
      for (let r = 0; r < x.rows; r++) {
        const brute = bruteForceShap(tree, x, r);
        const recursive = textbook(forest, x, r);
        for (let c = 0; c < cols; c++) {
          expect(recursive[c]).toBeCloseTo(brute[c], 10);
          expect(contributions[r * cols + c]).toBeCloseTo(brute[c], 5);
        }
      }
      expectSumsToLogit(forest, x);
    }
    expect(repeated).toBeGreaterThan(30);
  });

  it("sums to the logit of a forest grown by fitForest and matches the recursion, with missing values", () => {
    const random = createRandom(5);
    const [rows, cols] = [3000, 8];
    const data = Float32Array.from({ length: rows * cols }, () => random.next());
    const y = Float32Array.from({ length: rows }, (_, r) =>
      Math.sin(6 * data[r * cols]) * data[r * cols + 1] +
        (data[r * cols + 2] > 0.5 ? 0.4 : -0.3) +
        0.3 * random.next() >
      0.2
        ? 1
        : 0,
    );
    for (let r = 0; r < rows; r += 7) data[r * cols + 3] = Number.NaN;
    const x = { data, rows, cols };
    const all = Int32Array.from({ length: rows }, (_, i) => i);
    const validation = { x: { data: data.subarray(2000 * cols), rows: 1000, cols }, y: y.subarray(2000) };
    const params = { maxTrees: 40, maxLeaves: 15, minLeafRows: 5, patience: 100 };
    const { forest } = fitForest({
      x,
      y,
      rows: all.subarray(0, 2000),
      columns: [0, 1, 2, 3, 4, 5, 6],
      validation,
      classWeight: { negative: 1, positive: 1 },
      params,
    });
    expect(forest.trees.length).toBeGreaterThan(10);
    expectSumsToLogit(forest, x);
    const { contributions } = forestContributions(forest, x);
    // Tables filled by the first call are reused; small groups and no tables give the same values.
    expect(forestContributions(forest, x).contributions).toEqual(contributions);
    for (const limits of [{ groupBits: 4 }, { tableCells: 0 }]) {
      const other = forestContributions(forest, { ...x, rows: 300 }, limits).contributions;
      for (const [i, v] of other.entries()) expect(v).toBeCloseTo(contributions[i], 5);
    }
    for (let r = 0; r < 50; r++) {
      const phi = textbook(forest, x, r);
      for (let c = 0; c < cols; c++) expect(contributions[r * cols + c]).toBeCloseTo(phi[c], 4);
      expect(contributions[r * cols + 7]).toBe(0);
    }
  });

  it("explains paths with more unique features than a mask holds through the recursion", () => {
    // A chain testing 34 different columns: the deepest leaf's path has 34 unique features.
    const depth = 34;
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [], count: [] };
    for (let k = 0; k < depth; k++) {
      const n = tree.feature.length;
      tree.feature.push(k, -1);
      tree.threshold.push(0.5, 0);
      tree.left.push(n + 2, -1);
      tree.right.push(n + 1, -1);
      tree.value.push(0, k / 10);
      tree.count.push(2 * (depth - k) + 1, 1);
    }
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(3);
    tree.count.push(1);
    const random = createRandom(3);
    const x = matrixOf(
      Array.from({ length: 6 }, (_, r) => Array.from({ length: depth }, (_, k) => (k < 6 * r ? 0.1 : random.next()))),
    );
    const forest = { base: -1, trees: [tree, split] };
    expectSumsToLogit(forest, x);
    const { contributions } = forestContributions(forest, x);
    for (let r = 0; r < x.rows; r++) {
      for (const [c, v] of textbook(forest, x, r).entries()) expect(contributions[r * depth + c]).toBeCloseTo(v, 5);
    }
  });

  it("refuses malformed trees and matrices narrower than the forest", () => {
    const x = matrixOf([[0.2, 0.7]]);
    expect(() => forestContributions({ base: 0, trees: [{ ...split, left: [0, -1, -1] }] }, x)).toThrow(
      /each reached once, found child 0/,
    );
    expect(() => forestContributions({ base: 0, trees: [{ ...split, count: [0, 30, 70] }] }, x)).toThrow(
      /positive counts/,
    );
    expect(() => forestContributions({ base: 0, trees: [{ ...split, feature: [5, -1, -1] }] }, x)).toThrow(
      /at least 6 columns/,
    );
  });

  it("returns only the requested columns, in their order", () => {
    const x = matrixOf([
      [0.2, 0.7],
      [0.9, 0.1],
    ]);
    const forest = { base: 0, trees: [split, { ...split, feature: [1, -1, -1] }] };
    const all = forestContributions(forest, x).contributions;
    expect(Array.from(forestContributions(forest, x, { columns: [1, 0] }).contributions)).toEqual([
      all[1],
      all[0],
      all[3],
      all[2],
    ]);
    expect(() => forestContributions(forest, x, { columns: [2] })).toThrow(/expected columns in 0…1, found 2/);
  });
});
