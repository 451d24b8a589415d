import { isoDateToDay } from "../db/index.ts";
import { zonedTime } from "../outreach/index.ts";

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The day a digest is for, and the instants its sections are read over. */
export interface DigestDay {
  /** YYYY-MM-DD, a calendar day in `timeZone`. */
  date: string;
  /** As the subject says it: "Tue 1 Dec". */
  label: string;
  /** The day before, local midnight to local midnight in `timeZone` ([from, to)). */
  yesterday: { from: Date; to: Date };
  /** UTC midnight of `date`, ms: renewal dates are UTC days counted from it (as the at-risk list does). */
  dayStartMs: number;
}

/** The digest's day `date` (YYYY-MM-DD, checked) in `timeZone`. */
export function digestDay(date: string, timeZone: string): DigestDay {
  const dayStartMs = isoDateToDay(date) * DAY_MS;
  const day = new Date(dayStartMs);
  const local = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, hour: 0, timeZone };
  return {
    date,
    label: `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]}`,
    yesterday: {
      from: zonedTime({ ...local, day: day.getUTCDate() - 1 }),
      to: zonedTime({ ...local, day: day.getUTCDate() }),
    },
    dayStartMs,
  };
}

/** Today's date (YYYY-MM-DD) at `at` in `timeZone`: the day a digest sent then is for. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
