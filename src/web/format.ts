/** Display formats of the pages (UTC dates, en-US grouping). */
import { DEFAULT_CURRENCY, formatMoney } from "../money/index.ts";

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 0.4213 → "42.1 %"; null → "–". */
export function percent(fraction: number | null | undefined, digits = 1): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction)
    ? "–"
    : `${(fraction * 100).toFixed(digits)} %`;
}

/** A value already in percent: 42.13 → "42.1 %". */
export function percentValue(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : `${value.toFixed(digits)} %`;
}

/** An amount in the configured currency (RETAIN_CURRENCY): 1234.5 → "$1,234.50"; null → "–". */
export function money(value: number | null | undefined, currency = DEFAULT_CURRENCY): string {
  return formatMoney(value, currency);
}

export function count(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : number.format(value);
}

export function decimal(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits);
}

/** "2026-11-01". */
export function day(value: Date | string | null | undefined): string {
  if (!value) return "–";
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? "–" : d.toISOString().slice(0, 10);
}

/** "2026-11-01 09:30 UTC". */
export function dateTime(value: Date | string | null | undefined): string {
  if (!value) return "–";
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? "–" : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * Signed percentage points: +0.052 → "+5.2 pts"; below 0.1 point, two decimals (+0.0004 → "+0.04 pts"); 0.0 pts
 * when it rounds to nothing.
 */
export function points(delta: number | null | undefined): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return "–";
  const abs = Math.abs(delta * 100);
  if (abs < 0.005) return "0.0 pts";
  return `${delta >= 0 ? "+" : "−"}${abs.toFixed(abs < 0.1 ? 2 : 1)} pts`;
}
