/**
 * Whole UTC days since 1970-01-01 ("epoch days"), the demo generator's unit of time,
 * and their text forms. Same convention as the usage table (see prisma/schema.prisma).
 */

import { isoDateOfDay, pad2 } from "../civil-date.ts";
import { DateProblem, readIsoDay } from "../dates/index.ts";

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** YYYY-MM-DD as an epoch day, by the one strict day reader; undefined if it is not a day that exists. */
export function parseEpochDay(text: string): number | undefined {
  const ms = readIsoDay(text);
  return ms instanceof DateProblem ? undefined : ms / DAY_MS;
}

/** Formats an epoch day as YYYY-MM-DD. */
export const formatEpochDay = isoDateOfDay;

/** Formats epoch milliseconds as ISO 8601 UTC with whole seconds: 2024-05-01T13:04:05Z. */
export function formatTimestamp(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / 86_400);
  let rest = seconds - day * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return `${formatEpochDay(day)}T${pad2[hours]}:${pad2[minutes]}:${pad2[rest - minutes * 60]}Z`;
}

/** Day of the week: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The same day of month `months` later, clamped to the month's end (Jan 31 + 1 → Feb 28/29). */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfMonth)) / DAY_MS;
}

/**
 * The first renewal of a subscription started on `signupDay` that falls on or after `fromDay`.
 * Renewals are every `everyMonths` months, anchored on the signup day (so clamping never drifts).
 */
export function nextRenewalDay(options: { signupDay: number; fromDay: number; everyMonths: number }): number {
  const { signupDay, fromDay, everyMonths } = options;
  let n = Math.max(1, Math.floor((fromDay - signupDay) / (31 * everyMonths)));
  let renewal = addMonths(signupDay, n * everyMonths);
  while (renewal < fromDay) {
    n++;
    renewal = addMonths(signupDay, n * everyMonths);
  }
  return renewal;
}
