import type { Matrix } from "./types.ts";

/*
 * Binning for the boosted trees: each column's values to at most 256 bins (edges from the
 * training rows), coded once as uint8 so every tree reads small codes, not floats.
 */

/** Bin thresholds per column from the training rows: midpoints between distinct values, or quantiles when there are too many. */
function binEdges(x: Matrix, rows: Int32Array, column: number, maxBins: number): Float32Array {
  const values = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) values[i] = x.data[rows[i] * x.cols + column];
  values.sort();
  const distinct: number[] = [];
  for (let i = 0; i < values.length && distinct.length <= maxBins; i++)
    if (i === 0 || values[i] !== values[i - 1]) distinct.push(values[i]);
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

/** The bins of the columns worth splitting on (more than one value in the training rows). */
export interface BinSpec {
  /** Encoded column of each binned column. */
  columns: number[];
  edges: Float32Array[];
  /** Column u's bins are binStart[u]…binStart[u + 1] − 1 of one histogram. */
  binStart: Int32Array;
}

/**
 * Rows coded with a BinSpec: column-major uint8 codes (columns × rows), so a histogram fills one
 * column's small array at a time (it stays in L1) while reading that column's codes in row order.
 */
export interface BinnedRows extends BinSpec {
  rows: number;
  codes: Uint8Array;
}

/** Rows read to place bin edges (as HistGradientBoosting does: quantiles of a sample are as good). */
const EDGE_SAMPLE = 50_000;

/** Fits bin edges (at most 256 bins per column) on the training rows (a regular sample of at most EDGE_SAMPLE). */
export function fitBins(x: Matrix, rows: Int32Array, columns: readonly number[], maxBins: number): BinSpec {
  const bins = Math.min(256, maxBins);
  const step = Math.max(1, Math.floor(rows.length / EDGE_SAMPLE));
  const sample = step > 1 ? rows.filter((_, k) => k % step === 0) : rows;
  const allEdges = columns.map((c) => binEdges(x, sample, c, bins));
  const used = columns.map((_, j) => j).filter((j) => allEdges[j].length > 0);
  const edges = used.map((j) => allEdges[j]);
  const binStart = new Int32Array(used.length + 1);
  for (let u = 0; u < edges.length; u++) binStart[u + 1] = binStart[u] + edges[u].length + 1;
  return { columns: used.map((j) => columns[j]), edges, binStart };
}

/** Codes `rows` of `x` with the bins of `spec`. */
export function codeRows(spec: BinSpec, x: Matrix, rows?: Int32Array): BinnedRows {
  const n = rows ? rows.length : x.rows;
  const nc = spec.columns.length;
  const codes = new Uint8Array(n * nc);
  spec.columns.forEach((c, u) => {
    const e = spec.edges[u];
    for (let i = 0; i < n; i++) codes[u * n + i] = binOf(e, x.data[(rows ? rows[i] : i) * x.cols + c]);
  });
  return { ...spec, rows: n, codes };
}
