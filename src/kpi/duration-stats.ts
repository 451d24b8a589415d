import type { DurationStats } from "./kpi-report.ts";

/** The median of some numbers (mean of the two middle ones for an even count); null when empty. */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Count, median and mean of durations in hours. The mean adds the values in sorted order,
 * so it is the same to the last digit whatever order a query returned them in.
 */
export function durationStats(hours: ArrayLike<number>): DurationStats {
  const n = hours.length;
  if (n === 0) return { n, medianHours: null, meanHours: null };
  const sorted = Float64Array.from(hours).sort();
  let sum = 0;
  for (const h of sorted) sum += h;
  const mid = n >> 1;
  return { n, medianHours: n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, meanHours: sum / n };
}
