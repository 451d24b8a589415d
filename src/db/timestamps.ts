/**
 * How instants and days are stored. SQLite keeps Prisma's text format
 * (`2024-03-01T10:20:30.123+00:00`, which sorts and compares as text); PostgreSQL keeps
 * `timestamp(3)` in UTC. Usage days are integers: days since 1970-01-01.
 */
import { isoDateOfDay, pad2 } from "../civil-date.ts";
import { DateProblem, readIsoDay } from "../dates/index.ts";

const MS_PER_DAY = 86_400_000;

const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

/** Prisma's SQLite text format for an instant, so raw writes and Prisma reads agree (built without Date: imports format millions). */
export function toSqliteTimestamp(ms: number): string {
  if (!Number.isFinite(ms)) return new Date(ms).toISOString(); // throws RangeError, as Date would
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return `${isoDateOfDay(days)}T${pad2[hour]}:${pad2[minute]}:${pad2[second]}.${pad3[rest - second * 1000]}+00:00`;
}

/** Day number (days since 1970-01-01 UTC) of an instant in ms. */
export function dayNumber(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** `YYYY-MM-DD` of a day number. */
export const dayToIsoDate = isoDateOfDay;

/** Day number of a `YYYY-MM-DD` date, read strictly (Date.parse rolled 2026-02-31 over to March 3); throws RangeError on anything else. */
export function isoDateToDay(date: string): number {
  const ms = readIsoDay(date);
  if (ms instanceof DateProblem) throw new RangeError(`expected ${ms.expected}, found "${date}"`);
  return ms / MS_PER_DAY;
}
