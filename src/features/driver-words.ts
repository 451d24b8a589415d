/**
 * Reading a feature row and saying its numbers the way a person would: whole counts with
 * thousands separators, whole percentages, one decimal for averages and multiples, and
 * plurals that agree with the number shown.
 */

/** One customer's feature values: numbers, categories, null when missing. */
export type DriverRow = Readonly<Record<string, number | string | null | undefined>>;

/** The row's number in `column`; null when missing, a category or not finite. */
export function numberAt(row: DriverRow, column: string): number | null {
  const v = row[column];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The row's category in `column`; null when missing or empty. */
export function categoryAt(row: DriverRow, column: string): string | null {
  const v = row[column];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

// Intl prints −0 as "-0"; adding 0 turns it into 0.
const noNegativeZero = (v: number) => v + 0;

/** A whole count with thousands separators: 1234.4 → "1,234". */
export function count(n: number): string {
  return WHOLE.format(noNegativeZero(Math.round(n)));
}

/** One decimal without a trailing ".0": 4.13 → "4.1", 4.02 → "4". */
export function oneDecimal(v: number): string {
  return ONE_DECIMAL.format(noNegativeZero(Math.round(v * 10) / 10));
}

/** "1 ticket", "2 tickets", "1,234 tickets": rounded first so the noun agrees with the number shown. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  const shown = count(n);
  return `${shown} ${shown === "1" ? noun : nouns}`;
}

/** A share (0–1) as a whole percentage: 0.349 → "35%"; a share that rounds to 0 but is not 0 → "under 1%". */
export function percent(share: number): string {
  const whole = Math.round(share * 100);
  return whole === 0 && share > 0 ? "under 1%" : `${count(whole)}%`;
}

/** A ratio as a multiple: 2.34 → "2.3×", 3.02 → "3×"; whole from 10 up (12.6 → "13×"). */
export function times(ratio: number): string {
  return `${ratio >= 9.95 ? count(ratio) : oneDecimal(ratio)}×`;
}

/** The ratio as `times` shows it, for thresholds that must agree with the words (1.04 shows as "1×"). */
export function shownRatio(ratio: number): number {
  return ratio >= 9.95 ? Math.round(ratio) : Math.round(ratio * 10) / 10;
}

/** A column or metric name in words: "active_users" → "active users". */
export function words(name: string): string {
  return name.replace(/_+/g, " ").trim();
}

/** A whole number of days for phrases like "renews in …": 0 → "today", 1 → "tomorrow", else "in 12 days". */
export function inDays(days: number): string {
  const d = Math.round(days);
  return d <= 0 ? "today" : d === 1 ? "tomorrow" : `in ${plural(d, "day")}`;
}

/** A whole number of days in the past: 0 → "today", 1 → "yesterday", else "40 days ago". */
export function daysAgo(days: number): string {
  const d = Math.round(days);
  return d <= 0 ? "today" : d === 1 ? "yesterday" : `${plural(d, "day")} ago`;
}
