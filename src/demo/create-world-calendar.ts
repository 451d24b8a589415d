import { DAY_MS, formatEpochDay, weekdayOf } from "./epoch-day.ts";
import type { Random } from "./random.ts";

/**
 * Per-day facts of the simulated window, indexed by `day - startDay`: the date text
 * (formatted once, reused for millions of usage rows), weekend flags, a seasonal usage
 * factor and outage days shared by every customer.
 */
export interface WorldCalendar {
  readonly startDay: number;
  readonly endDay: number;
  /** First instant after the last day, in epoch ms. */
  readonly endMs: number;
  readonly dates: readonly string[];
  readonly weekend: Uint8Array;
  /** Usage multiplier on a weekday: December lull, August dip, outages. */
  readonly activity: Float64Array;
  /** Ticket-rate multiplier for outages: 1 on normal days, 2–6 on outage days. */
  readonly outage: Float64Array;
}

/** Builds the calendar of epoch days `startDay..endDay` (inclusive). */
export function createWorldCalendar(options: { startDay: number; endDay: number; rng: Random }): WorldCalendar {
  const { startDay, endDay, rng } = options;
  const length = endDay - startDay + 1;
  const dates: string[] = new Array(length);
  const weekend = new Uint8Array(length);
  const activity = new Float64Array(length);
  const outage = new Float64Array(length).fill(1);
  for (let i = 0; i < length; i++) {
    const day = startDay + i;
    dates[i] = formatEpochDay(day);
    const weekday = weekdayOf(day);
    weekend[i] = weekday === 0 || weekday === 6 ? 1 : 0;
    activity[i] = seasonalFactor(day);
  }
  // A platform incident every couple of months: ticket spike, usage dip, for everyone.
  const outages = rng.poisson(length / 70);
  for (let k = 0; k < outages; k++) {
    const i = rng.int(0, length - 1);
    outage[i] = rng.uniform(2, 6);
    activity[i] *= 0.8;
  }
  return { startDay, endDay, endMs: (endDay + 1) * DAY_MS, dates, weekend, activity, outage };
}

/** Usage level of a weekday relative to normal: the December holidays and August are quiet. */
export function seasonalFactor(day: number): number {
  const date = new Date(day * DAY_MS);
  const month = date.getUTCMonth();
  const dom = date.getUTCDate();
  if (month === 11) return dom >= 20 ? 0.55 : 0.92;
  if (month === 0 && dom <= 6) return dom === 1 ? 0.5 : 0.8;
  if (month === 7) return 0.9;
  return 1;
}

/**
 * Signup days of `count` customers, sorted (customer ids follow signup order). A share of
 * customers is already there at `startDay` (larger for short windows), signed up over the two
 * previous years; the rest join during the window at a growing rate, fewer on weekends.
 */
export function planSignupDays(options: { count: number; startDay: number; endDay: number; rng: Random }): Int32Array {
  const { count, startDay, endDay, rng } = options;
  const windowDays = endDay - startDay + 1;
  const existingShare = Math.min(0.9, Math.max(0.25, 1 - windowDays / 900));
  const days = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const existing = rng.chance(existingShare);
    const from = existing ? startDay - 730 : startDay;
    const span = existing ? 730 : windowDays;
    const growth = (0.6 * span) / 365;
    let day = from + Math.floor(span * growingFraction(rng, growth));
    if (weekdayOf(day) % 6 === 0 && rng.chance(0.6)) day = from + Math.floor(span * growingFraction(rng, growth));
    days[i] = day;
  }
  return days.sort();
}

/** A fraction in [0, 1) drawn with density growing like exp(growth · t). */
function growingFraction(rng: Random, growth: number): number {
  return Math.log(1 + rng.next() * (Math.exp(growth) - 1)) / growth;
}
