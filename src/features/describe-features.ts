import { featureCatalogue, type FeatureDoc } from "./feature-columns.ts";
import { median } from "./kind-medians.ts";
import type { SnapshotFrame } from "./snapshot-frame.ts";

/** One catalogue column with, when a frame is given, its statistics there. */
export interface FeatureSummary extends FeatureDoc {
  /** Values present (not missing); null without a frame. */
  count: number | null;
  missing: number | null;
  /** Numbers only (null for categories, or when every value is missing). */
  min: number | null;
  median: number | null;
  max: number | null;
  /** Categories only. */
  distinct: number | null;
  mostCommon: string | null;
  mostCommonCount: number | null;
}

const none = {
  count: null,
  missing: null,
  min: null,
  median: null,
  max: null,
  distinct: null,
  mostCommon: null,
  mostCommonCount: null,
};

function numberStats(values: Float64Array) {
  const present = values.filter((v) => !Number.isNaN(v));
  const n = present.length;
  if (n === 0) return { ...none, count: 0, missing: values.length };
  let [min, max] = [Infinity, -Infinity];
  for (const v of present) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { ...none, count: n, missing: values.length - n, min, median: median(present, n), max };
}

function categoryStats(values: (string | null)[]) {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let top: [string, number] | null = null;
  for (const entry of counts) if (!top || entry[1] > top[1] || (entry[1] === top[1] && entry[0] < top[0])) top = entry;
  const count = values.length - values.filter((v) => v === null).length;
  return {
    ...none,
    count,
    missing: values.length - count,
    distinct: counts.size,
    mostCommon: top?.[0] ?? null,
    mostCommonCount: top?.[1] ?? null,
  };
}

/**
 * Every column of the catalogue (name, meaning, window, …) with, from `frame` when given,
 * count, missing, min / median / max for numbers and distinct count and most common value for
 * categories. Without a frame, `metrics` names the usage metrics (default a placeholder).
 */
export function describeFeatures(options: { frame?: SnapshotFrame; metrics?: readonly string[] }): FeatureSummary[] {
  const { frame } = options;
  const metrics = frame?.metrics ?? options.metrics ?? ["<metric>"];
  return featureCatalogue(metrics).map((doc) => {
    if (!frame) return { ...doc, ...none };
    const numbers = frame.numeric.get(doc.name);
    return { ...doc, ...(numbers ? numberStats(numbers) : categoryStats(frame.categorical.get(doc.name)!)) };
  });
}

const show = (v: number | null) =>
  v === null ? "" : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));

/** The summaries as an aligned text table (numbers right-aligned), the meaning last. */
export function formatFeatureSummaries(summaries: readonly FeatureSummary[]): string {
  const withStats = summaries.some((s) => s.count !== null);
  const header = withStats
    ? ["feature", "window", "count", "missing", "min", "median", "max", "distinct", "most common", "meaning"]
    : ["feature", "window", "meaning"];
  const rows = summaries.map((s) =>
    withStats
      ? [
          s.name,
          s.window,
          show(s.count),
          show(s.missing),
          show(s.min),
          show(s.median),
          show(s.max),
          show(s.distinct),
          s.mostCommon === null ? "" : `${s.mostCommon} (${s.mostCommonCount})`,
          s.meaning,
        ]
      : [s.name, s.window, s.meaning],
  );
  const numeric = new Set(["count", "missing", "min", "median", "max", "distinct"]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === cells.length - 1 ? c : numeric.has(header[i]) ? c.padStart(widths[i]) : c.padEnd(widths[i]),
      )
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
