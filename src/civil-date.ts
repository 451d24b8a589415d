/** Calendar arithmetic without Date objects, for the hot paths (imports, the demo generator). */

const MS_PER_DAY = 86_400_000;

/** "00"–"99". */
export const pad2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));

/** `YYYY-MM-DD` of a day number (days since 1970-01-01 UTC); 5× faster than toISOString. */
export function isoDateOfDay(day: number): string {
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
  // Outside 1000–9999 ISO needs padding or a sign: Date knows how.
  if (year < 1000 || year > 9999) return new Date(day * MS_PER_DAY).toISOString().split("T")[0];
  return `${year}-${pad2[month]}-${pad2[dom]}`;
}
