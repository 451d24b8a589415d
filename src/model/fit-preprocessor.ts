import { ColumnType, type FeatureColumn } from "./infer-column-types.ts";
import { toCategory, toNumber } from "./parse-value.ts";
import type { RawValue, Table } from "./types.ts";

/** Encoding of one numeric column: robust z-score, missing indicator, piecewise-linear bins. */
export interface NumericSpec {
  name: string;
  type: typeof ColumnType.Numeric;
  /** Imputed for missing cells; also the reference value for explanations. */
  median: number;
  scale: number;
  /** Values are clipped to [lo, hi] (training quantiles) before encoding. */
  lo: number;
  hi: number;
  /** Whether a missing-indicator column is emitted (training data had missing cells). */
  indicator: boolean;
  /** Bin edges for the piecewise-linear (PLE) encoding; empty for binary columns. */
  edges: number[];
}

/** Encoding of one categorical column: one-hot over kept categories plus an "other" bucket. */
export interface CategoricalSpec {
  name: string;
  type: typeof ColumnType.Categorical;
  /** Kept categories; `missingCategory` stands for a missing cell. */
  categories: string[];
  /** Most frequent training category; the reference value for explanations. */
  mode: string;
  /**
   * Rank of each category (and of "other", last) by training churn rate, written as one more
   * column after the one-hot block: for a binary label the best split of a categorical lies on
   * this order (Fisher), so trees split one column instead of k.
   */
  ranks?: number[];
}

export type FeatureSpec = NumericSpec | CategoricalSpec;

/** Everything needed to turn raw rows into the model's input matrix; saved as preprocessing.json (preprocessing-format.ts). */
export interface PreprocessingSpec {
  features: FeatureSpec[];
  /** Start column of each feature's block in the encoded row; `offsets[features.length]` is the width. */
  offsets: number[];
  width: number;
}

/** Category text used for missing cells. */
export const missingCategory = "(missing)";

export interface FitPreprocessorOptions {
  table: Table;
  columns: FeatureColumn[];
  /** Training row indices; only these are looked at. */
  rows: ArrayLike<number>;
  /** Maximum PLE bins per numeric column. Default 8. */
  bins?: number;
  maxCategories?: number;
  /** Minimum training count for a category to get its own column. Default 10 (fewer for tiny data). */
  minCount?: number;
  /** Labels of all rows (0/1): categoricals then get a churn-rate rank column (see CategoricalSpec.ranks). */
  y?: ArrayLike<number>;
}

/** The q-quantile of ascending `sorted` (linear interpolation). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < sorted.length ? sorted[i] + frac * (sorted[i + 1] - sorted[i]) : sorted[i];
}

function fitNumeric(name: string, values: Float64Array, missing: number, bins: number): NumericSpec {
  const sorted = values.sort();
  if (sorted.length === 0)
    return { name, type: ColumnType.Numeric, median: 0, scale: 1, lo: 0, hi: 0, indicator: true, edges: [] };
  const lo = quantile(sorted, 0.005);
  const hi = quantile(sorted, 0.995);
  const median = quantile(sorted, 0.5);
  let scale = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 1.349;
  if (!(scale > 1e-9)) {
    const clipped = Array.from(sorted, (v) => Math.min(hi, Math.max(lo, v)));
    const mean = clipped.reduce((s, v) => s + v, 0) / clipped.length;
    scale = Math.sqrt(clipped.reduce((s, v) => s + (v - mean) ** 2, 0) / clipped.length);
  }
  if (!(scale > 1e-9)) scale = 1;
  const edges: number[] = [];
  for (let k = 0; k <= bins; k++) {
    const e = Math.min(hi, Math.max(lo, quantile(sorted, k / bins)));
    if (edges.length === 0 || e > edges[edges.length - 1] + 1e-12) edges.push(e);
  }
  let distinct = 1;
  for (let i = 1; i < sorted.length && distinct <= 2; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const distinctFew = distinct <= 2;
  return {
    name,
    type: ColumnType.Numeric,
    median,
    scale,
    lo,
    hi,
    indicator: missing > 0,
    edges: distinctFew || edges.length < 3 ? [] : edges,
  };
}

function fitCategorical(
  name: string,
  counts: Map<string, number>,
  maxCategories: number,
  minCount: number,
): CategoricalSpec {
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const categories = ranked
    .filter(([, c]) => c >= minCount)
    .slice(0, maxCategories)
    .map(([k]) => k);
  return { name, type: ColumnType.Categorical, categories, mode: ranked[0]?.[0] ?? missingCategory };
}

/** Rank of each kept category and "other" by smoothed training churn rate (ties by index). */
function rankCategories(
  spec: CategoricalSpec,
  table: Table,
  j: number,
  rows: ArrayLike<number>,
  y: ArrayLike<number>,
): number[] {
  const k = spec.categories.length;
  const indexOf = categoryIndexer(spec.categories);
  const churned = new Float64Array(k + 1);
  const seen = new Float64Array(k + 1);
  let prior = 0;
  for (let r = 0; r < rows.length; r++) {
    const c = indexOf(table.rows[rows[r]][j]);
    seen[c]++;
    churned[c] += y[rows[r]];
    prior += y[rows[r]];
  }
  prior /= Math.max(1, rows.length);
  // Smoothing pulls rare categories toward the overall rate, so their rank is not noise.
  const rate = Array.from(seen, (n, c) => (churned[c] + 10 * prior) / (n + 10));
  const order = rate.map((_, c) => c).sort((a, b) => rate[a] - rate[b] || a - b);
  const ranks = new Array<number>(k + 1);
  for (let r = 0; r < order.length; r++) ranks[order[r]] = r;
  return ranks;
}

/**
 * A cell's position among `categories` (their count for "other"), memoised by the raw cell: a
 * repeated value ("Yes") costs one lookup, not a trim and a lowercase.
 */
export function categoryIndexer(categories: readonly string[]): (cell: RawValue) => number {
  const index = new Map(categories.map((c, k) => [c, k]));
  const memo = new Map<RawValue, number>();
  return (cell) => {
    let at = memo.get(cell);
    if (at === undefined) {
      at = index.get(toCategory(cell) ?? missingCategory) ?? categories.length;
      memo.set(cell, at);
    }
    return at;
  };
}

/** Width of one feature's encoded block. */
export function blockWidth(spec: FeatureSpec): number {
  if (spec.type === ColumnType.Categorical) return spec.categories.length + 1 + (spec.ranks ? 1 : 0);
  return 1 + (spec.indicator ? 1 : 0) + Math.max(0, spec.edges.length - 1);
}

/** Fits the preprocessing on training rows only. */
export function fitPreprocessor(options: FitPreprocessorOptions): PreprocessingSpec {
  const { table, columns, rows, bins = 8, maxCategories = 64 } = options;
  const minCount = options.minCount ?? Math.max(2, Math.min(10, Math.floor(rows.length / 200)));
  const features = columns.map((column): FeatureSpec => {
    const j = table.columns.indexOf(column.name);
    if (column.type === ColumnType.Numeric) {
      const values = new Float64Array(rows.length);
      let present = 0;
      for (let r = 0; r < rows.length; r++) {
        const x = toNumber(table.rows[rows[r]][j]);
        if (!Number.isNaN(x)) values[present++] = x;
      }
      return fitNumeric(column.name, values.subarray(0, present), rows.length - present, bins);
    }
    const counts = new Map<string, number>();
    for (let r = 0; r < rows.length; r++) {
      const key = toCategory(table.rows[rows[r]][j]) ?? missingCategory;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const spec = fitCategorical(column.name, counts, maxCategories, minCount);
    return options.y ? { ...spec, ranks: rankCategories(spec, table, j, rows, options.y) } : spec;
  });
  const offsets = [0];
  for (const f of features) offsets.push(offsets[offsets.length - 1] + blockWidth(f));
  return { features, offsets, width: offsets[offsets.length - 1] };
}
