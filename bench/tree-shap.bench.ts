/**
 * TreeSHAP benchmark: grows a forest with fitForest on a synthetic table (60 columns, a nonlinear
 * label with interactions), then times forestContributions over 100,000 rows, cold (tables fill as
 * rows need them) and warm, against forestLogits and the textbook recursion on a sample. CPU
 * seconds are printed beside wall seconds because the machine may be shared.
 * Target: a few seconds for 100k rows × ~150 trees of 31 leaves on 2 cores.
 *   npm run bench:shap -- [--rows 100000 --train 30000 --cols 60 --trees 150 --leaves 31]
 */
import { parseArgs } from "node:util";
import { fitForest, forestLogits, type Forest } from "../src/model/boosted-trees.ts";
import { createRandom } from "../src/model/seeded-random.ts";
import { forestContributions } from "../src/model/tree-shap.ts";
import { treeShapRecursive } from "../src/model/tree-shap-reference.ts";
import type { Matrix } from "../src/model/types.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    train: { type: "string", default: "30000" },
    cols: { type: "string", default: "60" },
    trees: { type: "string", default: "150" },
    leaves: { type: "string", default: "31" },
  },
});
const [rows, trainRows, cols] = [Number(values.rows), Number(values.train), Number(values.cols)];
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const since = (t: number) => (performance.now() - t) / 1000;
/** CPU seconds of this process since `c`: on a shared machine steadier than the wall clock. */
const cpuSince = (c: NodeJS.CpuUsage) => process.cpuUsage(c).user / 1e6;

/** Uniform columns, a few missing; the label mixes thresholds, products and a sine of ten of them. */
function syntheticTable(n: number, seed: number): { x: Matrix; y: Float32Array } {
  const random = createRandom(seed);
  const data = Float32Array.from({ length: n * cols }, () => random.next());
  const y = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const v = (k: number) => data[r * cols + (k % cols)];
    const score =
      Math.sin(5 * v(0)) * v(1) +
      (v(2) > 0.6 ? 0.8 : -0.2) * (v(3) - 0.4) +
      v(4) * v(5) -
      (v(6) < 0.3 && v(7) > 0.5 ? 0.7 : 0) +
      0.3 * Math.cos(7 * v(8) * v(9));
    y[r] = score + 0.5 * (random.next() - 0.5) > 0.25 ? 1 : 0;
    if (random.next() < 0.05) data[r * cols + 10] = Number.NaN;
  }
  return { x: { data, rows: n, cols }, y };
}

function pathStats(forest: Forest): { leaves: number; meanUnique: number; maxUnique: number } {
  const depths: number[] = [];
  const visit = (t: number, node: number, seen: Set<number>): void => {
    const tree = forest.trees[t];
    const f = tree.feature[node];
    if (f < 0) {
      depths.push(seen.size);
      return;
    }
    const next = new Set(seen).add(f);
    visit(t, tree.left[node], next);
    visit(t, tree.right[node], next);
  };
  for (let t = 0; t < forest.trees.length; t++) visit(t, 0, new Set());
  return {
    leaves: depths.length,
    meanUnique: depths.reduce((a, b) => a + b, 0) / depths.length,
    maxUnique: Math.max(...depths),
  };
}

let started = performance.now();
const train = syntheticTable(trainRows, 1);
const validation = syntheticTable(10_000, 2);
const { forest } = fitForest({
  ...train,
  rows: Int32Array.from({ length: trainRows }, (_, i) => i),
  columns: Array.from({ length: cols }, (_, c) => c),
  validation,
  classWeight: { negative: 1, positive: 1 },
  params: { maxTrees: Number(values.trees), maxLeaves: Number(values.leaves), patience: 1_000_000 },
});
const stats = pathStats(forest);
const grown = `grown on ${trainRows.toLocaleString("en")} × ${cols} in ${since(started).toFixed(1)} s`;
console.log(
  `Retain TreeSHAP benchmark: ${forest.trees.length} trees, ${stats.leaves} leaves, unique ` +
    `features a path: mean ${stats.meanUnique.toFixed(1)}, max ${stats.maxUnique} (${grown})`,
);

const { x } = syntheticTable(rows, 3);
started = performance.now();
let cpu = process.cpuUsage();
const logits = forestLogits(forest, x);
const logitsCpu = cpuSince(cpu);
console.log(
  `forestLogits, ${rows.toLocaleString("en")} rows: ${since(started).toFixed(2)} s ` +
    `(${logitsCpu.toFixed(2)} s CPU)   peak RSS so far ${peakRssMb()} MB`,
);

for (const pass of ["cold (tables fill)", "warm"]) {
  started = performance.now();
  cpu = process.cpuUsage();
  const { expected, contributions } = forestContributions(forest, x);
  const took = since(started);
  const tookCpu = cpuSince(cpu);
  let worst = 0;
  for (let r = 0; r < rows; r++) {
    let sum = expected;
    for (let c = 0; c < cols; c++) sum += contributions[r * cols + c];
    worst = Math.max(worst, Math.abs(sum - logits[r]));
  }
  const timing = `${took.toFixed(2)} s (${tookCpu.toFixed(2)} s CPU, ${(tookCpu / logitsCpu).toFixed(1)}× forestLogits)`;
  console.log(
    `forestContributions ${pass}, ${rows.toLocaleString("en")} rows: ${timing}   max |expected + Σφ ` +
      `− logit| ${worst.toExponential(1)}   peak RSS ${peakRssMb()} MB`,
  );
}

const sample = Math.min(rows, 200);
started = performance.now();
const phi = new Float64Array(cols);
for (let r = 0; r < sample; r++) for (const tree of forest.trees) treeShapRecursive(tree, x, r, phi);
const perRow = since(started) / sample;
console.log(
  `textbook recursion: ${(perRow * 1000).toFixed(2)} ms a row → ${(perRow * rows).toFixed(0)} s ` +
    `for ${rows.toLocaleString("en")} rows (from ${sample} rows)`,
);
console.log(`peak RSS ${peakRssMb()} MB`);
