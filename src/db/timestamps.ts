/**
 * How instants and days are stored. SQLite keeps Prisma's text format
 * (`2024-03-01T10:20:30.123+00:00`, which sorts and compares as text); PostgreSQL keeps
 * `timestamp(3)` in UTC. Usage days are integers: days since 1970-01-01.
 */
const MS_PER_DAY = 86_400_000;

/** Prisma's SQLite text format for an instant, so raw writes and Prisma reads agree. */
export function toSqliteTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

/** Day number (days since 1970-01-01 UTC) of an instant in ms. */
export function dayNumber(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** `YYYY-MM-DD` of a day number. */
export function dayToIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` date. */
export function isoDateToDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}
