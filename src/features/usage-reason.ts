import { USAGE_LOOKBACK_DAYS } from "./feature-columns.ts";
import { count, numberAt, percent, plural, words, type DriverRow } from "./driver-words.ts";

/**
 * Thresholds below which a usage value is not shown as a risk. A 10% dip month to month is
 * ordinary noise; a steady customer's recent weeks sit at 60–90% of their single best week;
 * a fortnight without use is unusual for anything a customer relies on.
 */
export const USAGE_THRESHOLDS = { minDecline: 0.2, maxShareOfPeak: 0.5, minDaysInactive: 14 } as const;

/** One way the values can show a fall in use; `decline` 0–1 puts the candidates on one scale. */
interface Evidence {
  text: string;
  decline: number;
}

type Read = (m: string, name: string, row: DriverRow) => Evidence | null;

const inactivity: Read = (m, name, row) => {
  const days = numberAt(row, `${m}_days_inactive`);
  if (days === null || days < USAGE_THRESHOLDS.minDaysInactive) return null;
  // The catalogue stores 181 for "none in the 180 days read".
  if (days > USAGE_LOOKBACK_DAYS) return { text: `no ${name} in the last ${USAGE_LOOKBACK_DAYS} days`, decline: 1 };
  return { text: `no ${name} for ${plural(days, "day")}`, decline: Math.min(1, days / 30) };
};

const monthOnMonth: Read = (m, name, row) => {
  const last = numberAt(row, `${m}_30d`);
  const before = numberAt(row, `${m}_prev30d`);
  if (last === null || before === null || before <= 0 || last >= before) return null;
  const text =
    Math.round(last) === 0
      ? `no ${name} in the last 30 days, after ${count(before)} in the 30 before`
      : `${name} ${count(last)} in the last 30 days, down from ${count(before)} in the 30 before`;
  return { text, decline: 1 - last / before };
};

const ofPeak: Read = (m, name, row) => {
  const share = numberAt(row, `${m}_of_peak`);
  if (share === null || share > USAGE_THRESHOLDS.maxShareOfPeak) return null;
  const weeks = numberAt(row, `${m}_weeks_since_peak`);
  const when = weeks !== null && Math.round(weeks) >= 1 ? ` (${plural(weeks, "week")} ago)` : "";
  return { text: `${name} at ${percent(share)} of their peak${when}`, decline: 1 - share };
};

/** "35% below their 6-month average" from a last-30-days ÷ own-average ratio. */
const belowAverage =
  (suffix: string, against: string): Read =>
  (m, name, row) => {
    const ratio = numberAt(row, `${m}_${suffix}`);
    // A ratio of 0 is "none in 30 days", which inactivity and month-on-month say better.
    if (ratio === null || ratio <= 0 || ratio >= 1) return null;
    return { text: `${name} ${percent(1 - ratio)} below ${against}`, decline: 1 - ratio };
  };

const slope: Read = (m, name, row) => {
  const perWeek = numberAt(row, `${m}_slope_12w`);
  if (perWeek === null || perWeek >= 0) return null;
  // The fitted line over 12 weeks moves 11 × slope means from start to end; as a share of
  // where it started that is 2s / (2 + s), capped at a full stop.
  const s = -perWeek * 11;
  return { text: `${name} falling for 12 weeks`, decline: Math.min(1, (2 * s) / (2 + s)) };
};

// On equal declines the earlier, more concrete wording wins.
const READS: readonly Read[] = [
  inactivity,
  monthOnMonth,
  ofPeak,
  belowAverage("vs_180d", "their 6-month average"),
  belowAverage("vs_90d", "their 3-month average"),
  belowAverage("vs_prev30", "the 30 days before"),
  slope,
];

/**
 * The strongest evidence that use of metric `m` has fallen, in words with its comparison
 * ("logins 6 in the last 30 days, down from 41 in the 30 before"); null when the values show
 * no fall worth naming (rising or steady use is never called a risk).
 */
export function describeUsageReason(m: string, row: DriverRow): string | null {
  const name = words(m);
  let best: Evidence | null = null;
  for (const read of READS) {
    const e = read(m, name, row);
    if (e && e.decline >= USAGE_THRESHOLDS.minDecline && (!best || e.decline > best.decline)) best = e;
  }
  return best?.text ?? null;
}
