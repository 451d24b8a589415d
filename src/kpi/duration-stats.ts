import type { DurationStats } from "./kpi-report.ts";

/** The median of some numbers (mean of the two middle ones for an even count); null when empty. */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Count, median and mean of durations in hours. */
export function durationStats(hours: number[]): DurationStats {
  const n = hours.length;
  let sum = 0;
  for (const h of hours) sum += h;
  return { n, medianHours: median(hours), meanHours: n ? sum / n : null };
}

export interface TicketDurations {
  firstResponse: DurationStats;
  resolution: DurationStats;
}

/** First-response and resolution statistics per group key, from one raw row per ticket. */
export function durationStatsByGroup(
  rows: { grp: string | null; frt: number | null; res: number | null }[],
  noneKey: string,
): Map<string, TicketDurations> {
  const values = new Map<string, { frt: number[]; res: number[] }>();
  for (const r of rows) {
    const key = r.grp ?? noneKey;
    let v = values.get(key);
    if (!v) values.set(key, (v = { frt: [], res: [] }));
    if (r.frt !== null) v.frt.push(Number(r.frt));
    if (r.res !== null) v.res.push(Number(r.res));
  }
  return new Map([...values].map(([key, v]) => [key, { firstResponse: durationStats(v.frt), resolution: durationStats(v.res) }]));
}
