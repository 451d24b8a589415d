/** The calendar date (YYYY-MM-DD) of an instant in a time zone: a run's as-of date. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
