import { missingCategory } from "./fit-preprocessor.ts";
import { toCategory, toNumber } from "./parse-value.ts";
import type { RawValue } from "./types.ts";

/** Quantile bins of PSI: deciles of the training values. */
export const DISTRIBUTION_BINS = 10;
/** Categories kept by name (the most common in training); the rest are "other". */
const KEPT_CATEGORIES = DISTRIBUTION_BINS - 1;

/**
 * One column's training distribution: numeric values in the bins (−∞, e₁], (e₁, e₂], …, (eₖ, ∞)
 * of the distinct training deciles eᵢ, or the kept categories plus "other"; the last share is always
 * the missing cells. Shares sum to 1 over every training row.
 */
export type ColumnDistribution =
  | { name: string; type: "numeric"; edges: number[]; shares: number[] }
  | { name: string; type: "categorical"; categories: string[]; shares: number[] };

/** The deciles of the non-missing values, without repeats (a column of mostly zeros has fewer bins). */
export function quantileEdges(values: Float64Array): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let k = 1; k < DISTRIBUTION_BINS; k++) {
    if (!sorted.length) break;
    // The lower empirical k-th decile: at most k tenths of the values lie at or below it.
    const edge = sorted[Math.max(0, Math.ceil((k * sorted.length) / DISTRIBUTION_BINS) - 1)];
    if (edge !== edges.at(-1)) edges.push(edge);
  }
  // The largest value would make an upper bin nobody in training falls into.
  if (edges.at(-1) === sorted.at(-1)) edges.pop();
  return edges;
}

/** Index of the bin (−∞, e₀], (e₀, e₁], …, (eₖ₋₁, ∞) holding v (binary search). */
export function numericBin(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** How many bins a column has, the missing bin (last) included. */
export const binCount = (c: ColumnDistribution) =>
  (c.type === "numeric" ? c.edges.length + 1 : c.categories.length + 1) + 1;

/** A function from a raw cell to its bin index in `c` (the last index for a missing cell). */
export function binOf(c: ColumnDistribution): (value: RawValue) => number {
  const missing = binCount(c) - 1;
  if (c.type === "numeric")
    return (value) => {
      // Scoring's features are numbers or null: those skip the text parser.
      const v = typeof value === "number" ? value : value === null ? Number.NaN : toNumber(value);
      return Number.isFinite(v) ? numericBin(c.edges, v) : missing;
    };
  const index = new Map(c.categories.map((k, i) => [k, i]));
  return (value) => {
    const k = toCategory(value);
    return k === null || k === missingCategory ? missing : (index.get(k) ?? c.categories.length);
  };
}

/** Fits one column's bins on its training cells and reports the training shares. */
export function fitColumnDistribution(options: {
  name: string;
  type: "numeric" | "categorical";
  values: readonly RawValue[];
}): ColumnDistribution {
  const { name, type, values } = options;
  let column: ColumnDistribution;
  if (type === "numeric") {
    const numbers = values.map((v) => (typeof v === "number" ? v : toNumber(v))).filter(Number.isFinite);
    column = { name, type, edges: quantileEdges(Float64Array.from(numbers)), shares: [] };
  } else {
    const counts = new Map<string, number>();
    for (const v of values) {
      const k = toCategory(v);
      if (k !== null && k !== missingCategory) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const categories = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, KEPT_CATEGORIES)
      .map(([k]) => k);
    column = { name, type, categories, shares: [] };
  }
  const counts = new Float64Array(binCount(column));
  const bin = binOf(column);
  for (const v of values) counts[bin(v)]++;
  column.shares = Array.from(counts, (n) => (values.length ? n / values.length : 0));
  return column;
}

/** Readable bin names for tables and charts: "≤ 3", "3 – 10", "> 40", a category, "other", "missing". */
export function binLabels(c: ColumnDistribution): string[] {
  const f = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(3));
  const bins =
    c.type === "categorical"
      ? [...c.categories, "other"]
      : c.edges.length === 0
        ? ["all values"]
        : [
            `≤ ${f(c.edges[0])}`,
            ...c.edges.slice(1).map((e, i) => `${f(c.edges[i])} – ${f(e)}`),
            `> ${f(c.edges.at(-1)!)}`,
          ];
  return [...bins, "missing"];
}
