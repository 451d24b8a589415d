import { describe, expect, it } from "vitest";
import { fitForest, forestLogits, treeColumns, type Forest } from "./boosted-trees.ts";
import { encodeTable } from "./encode-table.ts";
import { fitPreprocessor } from "./fit-preprocessor.ts";
import { ColumnType } from "./infer-column-types.ts";
import { rocAuc } from "./roc-auc.ts";
import { createRandom } from "./seeded-random.ts";
import type { Matrix } from "./types.ts";

const even = { negative: 1, positive: 1 };

/** Rows of two uniform columns whose label is their XOR (above/below 0.5): no single column or linear score separates it. */
function xorData(rows: number, seed: number, noise = 0): { x: Matrix; y: Float32Array } {
  const random = createRandom(seed);
  const data = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const a = random.next();
    const b = random.next();
    data.set([a, b], r * 2);
    y[r] = (a > 0.5 !== b > 0.5) !== random.next() < noise ? 1 : 0;
  }
  return { x: { data, rows, cols: 2 }, y };
}

const allRows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/** Training rows reaching each leaf of `forest`'s trees. */
function leafCounts(forest: Forest, x: Matrix): number[] {
  return forest.trees.flatMap((tree) => {
    const counts = new Map<number, number>();
    for (let r = 0; r < x.rows; r++) {
      let node = 0;
      while (tree.feature[node] >= 0)
        node = x.data[r * x.cols + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
    return [...counts.values()];
  });
}

describe("fitForest", () => {
  it("learns an interaction no linear score can, on rows it did not see", () => {
    const train = xorData(3000, 1, 0.05);
    const test = xorData(1000, 2);
    const { forest } = fitForest({
      ...train,
      rows: allRows(3000),
      columns: [0, 1],
      validation: test,
      classWeight: even,
    });
    expect(rocAuc(test.y, forestLogits(forest, test.x))).toBeGreaterThan(0.97);
    expect(
      Math.abs(
        rocAuc(
          test.y,
          Array.from({ length: 1000 }, (_, r) => test.x.data[r * 2] + test.x.data[r * 2 + 1]),
        ),
      ) - 0.5,
    ).toBeLessThan(0.05);
  });

  it("gives the same forest for the same data, and its validation logits are what forestLogits computes", () => {
    const train = xorData(1500, 3, 0.1);
    const validation = xorData(500, 4, 0.1);
    const fitOnce = () =>
      fitForest({
        ...train,
        rows: allRows(1500),
        columns: [0, 1],
        validation,
        classWeight: even,
        params: { maxTrees: 40 },
      });
    const first = fitOnce();
    expect(fitOnce().forest).toEqual(first.forest);
    expect(first.forest.trees).toHaveLength(first.trees);
    const again = forestLogits(first.forest, validation.x);
    for (const [i, v] of again.entries()) expect(v).toBeCloseTo(first.valLogits[i], 4);
  });

  it("keeps at least minLeafRows training rows in every leaf and at most maxLeaves leaves per tree", () => {
    const train = xorData(1000, 5, 0.2);
    const { forest } = fitForest({
      ...train,
      rows: allRows(1000),
      columns: [0, 1],
      validation: xorData(300, 6),
      classWeight: even,
      params: { maxLeaves: 6, minLeafRows: 40, maxTrees: 20 },
    });
    expect(Math.min(...leafCounts(forest, train.x))).toBeGreaterThanOrEqual(40);
    for (const tree of forest.trees) expect(tree.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(6);
  });

  it("stops early on labels it cannot predict, keeping the trees with the best validation loss", () => {
    const random = createRandom(8);
    const noise = (rows: number) => ({
      x: xorData(rows, random.int(1000)).x,
      y: Float32Array.from({ length: rows }, () => (random.next() < 0.3 ? 1 : 0)),
    });
    const { forest, trees } = fitForest({
      ...noise(2000),
      rows: allRows(2000),
      columns: [0, 1],
      validation: noise(1000),
      classWeight: even,
      params: { maxTrees: 300, patience: 10 },
    });
    expect(trees).toBeLessThan(30);
    expect(forest.trees).toHaveLength(trees);
    expect(1 / (1 + Math.exp(-forest.base))).toBeCloseTo(0.3, 1); // starts from the (weighted) churn rate
  });

  it("trains only on the given rows", () => {
    // Rows 0–999 carry the pattern, rows 1000–1999 the opposite one: training on the first half must score like it.
    const a = xorData(1000, 9);
    const flipped = Float32Array.from(a.y, (v) => 1 - v);
    const x = { data: Float32Array.of(...a.x.data, ...a.x.data), rows: 2000, cols: 2 };
    const y = Float32Array.of(...a.y, ...flipped);
    const { forest } = fitForest({
      x,
      y,
      rows: allRows(1000),
      columns: [0, 1],
      validation: a,
      classWeight: even,
      params: { maxTrees: 50 },
    });
    expect(rocAuc(a.y, forestLogits(forest, a.x))).toBeGreaterThan(0.95);
  });
});

/** x0 uniform in [0, 1] with a U-shaped churn rate (high at both ends), x1 noise. */
function uShape(rows: number, seed: number): { x: Matrix; y: Float32Array } {
  const random = createRandom(seed);
  const data = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const a = random.next();
    data.set([a, random.next()], r * 2);
    y[r] = random.next() < 0.1 + 0.8 * (2 * a - 1) ** 2 ? 1 : 0;
  }
  return { x: { data, rows, cols: 2 }, y };
}

/** Forest logits along x0 from 0 to 1 with x1 fixed. */
function alongX0(forest: Forest, x1: number): Float32Array {
  const grid = Array.from({ length: 101 }, (_, k) => [k / 100, x1]).flat();
  return forestLogits(forest, { data: Float32Array.from(grid), rows: 101, cols: 2 });
}

describe("monotone constraints and row subsamples", () => {
  const train = uShape(3000, 21);
  const validation = uShape(1000, 22);

  it("keeps the logit non-decreasing in a +1 column, and non-increasing in a −1 column, where the data is U-shaped", () => {
    const free = fitForest({
      ...train,
      rows: allRows(3000),
      columns: [0, 1],
      validation,
      params: { maxTrees: 60 },
    }).forest;
    const freeCurve = alongX0(free, 0.5);
    expect(freeCurve[0]).toBeGreaterThan(freeCurve[50] + 0.5); // unconstrained, the trees learn the U
    for (const direction of [1, -1]) {
      const { forest } = fitForest({
        ...train,
        rows: allRows(3000),
        columns: [0, 1],
        validation,
        params: { maxTrees: 60 },
        monotone: new Map([[0, direction]]),
      });
      for (const x1 of [0.1, 0.5, 0.9]) {
        const curve = alongX0(forest, x1);
        for (let k = 1; k < curve.length; k++)
          expect(direction * (curve[k] - curve[k - 1])).toBeGreaterThanOrEqual(-1e-6);
      }
    }
  });

  it("grows each tree from a seeded half sample: the same seed gives the same forest, another seed another", () => {
    const fitOnce = (seed: number) =>
      fitForest({
        ...train,
        rows: allRows(3000),
        columns: [0, 1],
        validation,
        params: { maxTrees: 20, patience: 50, subsample: 0.5, seed },
      }).forest;
    const a = fitOnce(1);
    expect(fitOnce(1)).toEqual(a);
    expect(fitOnce(2)).not.toEqual(a);
    expect(a.trees[0].count[0]).toBeGreaterThan(1300); // the root saw about half of the 3000 rows
    expect(a.trees[0].count[0]).toBeLessThan(1700);
    expect(rocAuc(validation.y, forestLogits(a, validation.x))).toBeGreaterThan(0.75);
  });
});

describe("treeColumns", () => {
  it("offers each numeric value, missing indicator and one-hot column, not the piecewise-linear bins", () => {
    const table = {
      columns: ["n", "m", "c"],
      rows: [
        [1, null, "a"],
        [2, 5, "b"],
        [3, 6, "a"],
        [4, 7, "b"],
      ],
    };
    const columns = [
      { name: "n", type: ColumnType.Numeric },
      { name: "m", type: ColumnType.Numeric },
      { name: "c", type: ColumnType.Categorical },
    ];
    const spec = fitPreprocessor({ table, columns, rows: [0, 1, 2, 3], bins: 2, minCount: 1 });
    const picked = treeColumns(spec);
    const [n, m, c] = spec.offsets;
    expect(picked).toEqual([n, m, m + 1, c, c + 1, c + 2]);
    expect(encodeTable(spec, table).cols).toBeGreaterThan(picked.length);
  });
});
