/**
 * The one strict reader of dates and timestamps, for every door (CLI, API, pages, ingest). No
 * Date.parse (it turns 2026-02-31 into March 3) and no Date.UTC on raw years (it maps 0–99 to
 * 1900–1999): the text is read digit by digit and checked against the calendar.
 */

/** Years a date or timestamp may have: older or later ones are typing errors, never shifted. */
export const YEAR_RANGE = { min: 1900, max: 2200 } as const;

/** Why a text is not a date: `expected` completes "expected …, found …"; `outOfRange` for a year outside YEAR_RANGE. */
export class DateProblem {
  constructor(
    readonly expected: string,
    readonly outOfRange = false,
  ) {}
}

export const DAY_FORM = "a date YYYY-MM-DD";
export const INSTANT_FORM = "an ISO 8601 timestamp with Z or an offset (2024-05-01T09:30:00Z)";
const BAD_DAY = new DateProblem(DAY_FORM);
const BAD_INSTANT = new DateProblem(INSTANT_FORM);
const BAD_YEAR = new DateProblem(`a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}`, true);

/** The number written by the `n` ASCII digits of `s` at `at`, or -1 if any is not a digit. */
function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48; // NaN past the end
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The `YYYY-MM-DD` at the start of `s` as ms at 00:00 UTC, or the problem (`form` when it is not that shape). */
function readCalendarDay(s: string, form: DateProblem, what: string): number | DateProblem {
  const year = digitsAt(s, 0, 4),
    month = digitsAt(s, 5, 2),
    day = digitsAt(s, 8, 2);
  if (year < 0 || month < 0 || day < 0 || s[4] !== "-" || s[7] !== "-") return form;
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return BAD_YEAR;
  if (month < 1 || month > 12) return new DateProblem(`${what} with a month from 01 to 12`);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return new DateProblem(`${what} that exists (${s.slice(0, 7)} has ${last} days)`);
  return Date.UTC(year, month - 1, day);
}

/** A strict `YYYY-MM-DD` (a day that exists, years 1900–2200) → ms at 00:00 UTC, or why not. */
export function readIsoDay(s: string): number | DateProblem {
  if (s.length !== 10) return BAD_DAY;
  return readCalendarDay(s, BAD_DAY, DAY_FORM);
}

/**
 * `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]](Z|±HH[:]MM)` → ms since epoch, or why not. Read by hand,
 * without a regex or substrings: timestamps are the hottest fields of a big ticket import.
 */
export function readIsoInstant(s: string): number | DateProblem {
  const dayMs = readCalendarDay(s, BAD_INSTANT, "an ISO 8601 timestamp on a date");
  if (dayMs instanceof DateProblem) return dayMs;
  const hour = digitsAt(s, 11, 2),
    minute = digitsAt(s, 14, 2);
  const sep = s.charCodeAt(10);
  if (s[13] !== ":" || (sep !== 84 && sep !== 116 && sep !== 32)) return BAD_INSTANT; // T, t, space
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return BAD_INSTANT;
  let at = 16,
    second = 0,
    ms = 0;
  if (s[at] === ":") {
    second = digitsAt(s, at + 1, 2);
    if (second < 0 || second > 59) return BAD_INSTANT;
    at += 3;
    if (s[at] === ".") {
      const from = ++at;
      while (at < s.length && at - from < 9 && digitsAt(s, at, 1) >= 0) at++;
      if (at === from) return BAD_INSTANT;
      // Milliseconds are the first three digits (missing ones are zeros); the rest is truncated.
      for (let i = 0; i < 3; i++) ms = ms * 10 + (from + i < at ? s.charCodeAt(from + i) - 48 : 0);
    }
  }
  let offset = 0;
  const zone = s[at];
  if ((zone === "Z" || zone === "z") && at + 1 === s.length) offset = 0;
  else if (zone === "+" || zone === "-") {
    const colon = s[at + 3] === ":" ? 1 : 0;
    const oh = digitsAt(s, at + 1, 2),
      om = digitsAt(s, at + 3 + colon, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59 || at + 5 + colon !== s.length) return BAD_INSTANT;
    offset = (zone === "-" ? -1 : 1) * (oh * 60 + om);
  } else return BAD_INSTANT;
  return dayMs + hour * 3_600_000 + (minute - offset) * 60_000 + second * 1000 + ms;
}
