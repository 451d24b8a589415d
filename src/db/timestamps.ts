/**
 * How instants and days are stored. SQLite keeps Prisma's text format
 * (`2024-03-01T10:20:30.123+00:00`, which sorts and compares as text); PostgreSQL keeps
 * `timestamp(3)` in UTC. Usage days are integers: days since 1970-01-01.
 */
const MS_PER_DAY = 86_400_000;

const pad2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

/**
 * Prisma's SQLite text format for an instant, so raw writes and Prisma reads agree. Built by
 * hand for years 1000–9999 (5× faster than toISOString; imports format millions of these).
 */
export function toSqliteTimestamp(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  // Civil date of a day number (H. Hinnant's days_from_civil, inverted).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999 || !Number.isFinite(ms)) return new Date(ms).toISOString().replace("Z", "+00:00");
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return `${year}-${pad2[month]}-${pad2[day]}T${pad2[hour]}:${pad2[minute]}:${pad2[second]}.${pad3[rest - second * 1000]}+00:00`;
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
