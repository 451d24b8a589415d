/**
 * Whole UTC days since 1970-01-01 ("epoch days"), the demo generator's unit of time,
 * and their text forms. Same convention as the usage table (see prisma/schema.prisma).
 */

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD into an epoch day; undefined if malformed or not a real date. */
export function parseEpochDay(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 2024-02-31 over to March; a round trip catches it.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return ms / DAY_MS;
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));

/** Formats an epoch day (years 1000–9999) as YYYY-MM-DD, without Date (hot path). */
export function formatEpochDay(day: number): string {
  // Howard Hinnant's civil_from_days: eras of 400 years, years starting in March.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dom = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${PAD2[month]}-${PAD2[dom]}`;
}

/** Formats epoch milliseconds as ISO 8601 UTC with whole seconds: 2024-05-01T13:04:05Z. */
export function formatTimestamp(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / 86_400);
  let rest = seconds - day * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return `${formatEpochDay(day)}T${PAD2[hours]}:${PAD2[minutes]}:${PAD2[rest - minutes * 60]}Z`;
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
