import { DateProblem, readIsoDay, YEAR_RANGE } from "../dates/index.ts";
import { AppError, ErrorCode } from "../errors.ts";

const MS_PER_DAY = 86_400_000;
/** Mean days per month, for periods that are not whole calendar months. */
const DAYS_PER_MONTH = 365.25 / 12;

/** A KPI period: whole UTC days [fromMs, toMs). */
export interface Period {
  /** `2026-Q2`, `2026-05` or `2026-05-01..2026-06-15`. */
  label: string;
  /** First day, `YYYY-MM-DD`. */
  firstDay: string;
  /** Last day (inclusive), `YYYY-MM-DD`. */
  lastDay: string;
  fromMs: number;
  /** Exclusive end: 00:00 UTC of the day after lastDay. */
  toMs: number;
  days: number;
  /** Calendar months when the period is whole months, otherwise days ÷ 30.44. */
  months: number;
}

export const PERIOD_FORMS = "YYYY-Qn (2026-Q2), YYYY-MM (2026-05) or YYYY-MM-DD..YYYY-MM-DD (inclusive end day)";

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthStart = (year: number, month0: number) => Date.UTC(year, month0, 1);

/** The period [fromMs, toMs) with its derived fields. */
export function makePeriod(label: string, fromMs: number, toMs: number): Period {
  const from = new Date(fromMs);
  const to = new Date(toMs);
  const whole = from.getUTCDate() === 1 && to.getUTCDate() === 1;
  const days = Math.round((toMs - fromMs) / MS_PER_DAY);
  const months = whole
    ? (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth()
    : days / DAYS_PER_MONTH;
  return { label, firstDay: isoDay(fromMs), lastDay: isoDay(toMs - MS_PER_DAY), fromMs, toMs, days, months };
}

/** The days of `first..last`, each read by the one strict day reader. */
function parseDayPair(text: string, first: string, last: string, name: string): Period {
  const days = [readIsoDay(first), readIsoDay(last)];
  for (const [i, side] of ["before", "after"].entries()) {
    const day = days[i];
    if (day instanceof DateProblem)
      throw new AppError(
        ErrorCode.BadInput,
        `${name}: expected ${day.expected} ${side} "..", found "${i ? last : first}" in "${text}"`,
      );
  }
  const [from, to] = days as number[];
  if (to < from)
    throw new AppError(ErrorCode.BadInput, `${name}: expected the end day on or after the start day, found "${text}"`);
  return makePeriod(text, from, to + MS_PER_DAY);
}

function parseForm(text: string, name: string): Period | null {
  const leadingYear = Number(text.slice(0, 4));
  if (/^\d{4}-(Q[1-4]|\d{2})$/i.test(text) && (leadingYear < YEAR_RANGE.min || leadingYear > YEAR_RANGE.max)) {
    throw new AppError(
      ErrorCode.BadInput,
      `${name}: expected a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}, found "${text}"`,
    );
  }
  let m = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (m) {
    const [year, q] = [Number(m[1]), Number(m[2])];
    return makePeriod(`${year}-Q${q}`, monthStart(year, (q - 1) * 3), monthStart(year, q * 3));
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const [year, month0] = [Number(m[1]), Number(m[2]) - 1];
    return makePeriod(text, monthStart(year, month0), monthStart(year, month0 + 1));
  }
  m = /^(.+)\.\.(.+)$/.exec(text);
  return m ? parseDayPair(text, m[1], m[2], name) : null;
}

/**
 * Parses a period; without one, the last full calendar month before now. A period must
 * start before now (nothing is known about the future).
 */
export function parsePeriod(text: string | undefined, nowMs: number, name = "period"): Period {
  const now = new Date(nowMs);
  if (text === undefined || text === "") {
    const from = monthStart(now.getUTCFullYear(), now.getUTCMonth() - 1);
    return makePeriod(isoDay(from).slice(0, 7), from, monthStart(now.getUTCFullYear(), now.getUTCMonth()));
  }
  const period = parseForm(text.trim(), name);
  if (!period) throw new AppError(ErrorCode.BadInput, `${name}: expected ${PERIOD_FORMS}, found "${text}"`);
  if (period.fromMs >= nowMs) {
    throw new AppError(
      ErrorCode.BadInput,
      `${name}: expected a period that starts before now (${isoDay(nowMs)}), found "${text}" starting ${period.firstDay}`,
    );
  }
  return period;
}

/**
 * A default period made to contain the latest complete risk run (as_of ≤ now): when the run
 * is after the period, the period runs on through the day of now (labelled `first..last`),
 * so the run's at-risk customers and the tickets closed since count; otherwise it stays as
 * it is (a run before it is not pulled in: that could make a period of years).
 */
export function extendToRun(period: Period, runAsOfMs: number | null, nowMs: number): Period {
  if (runAsOfMs === null || runAsOfMs < period.toMs) return period;
  const toMs = Math.floor(Math.max(runAsOfMs, nowMs) / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY;
  return makePeriod(`${period.firstDay}..${isoDay(toMs - MS_PER_DAY)}`, period.fromMs, toMs);
}

/** The calendar months of a period, each cut to the period (`2026-05`, …). */
export function splitByMonth(period: Period): Period[] {
  const months: Period[] = [];
  for (let from = period.fromMs; from < period.toMs; ) {
    const d = new Date(from);
    const next = Math.min(period.toMs, monthStart(d.getUTCFullYear(), d.getUTCMonth() + 1));
    months.push(makePeriod(isoDay(from).slice(0, 7), from, next));
    from = next;
  }
  return months;
}

/**
 * The period of the same length immediately before P: as many calendar months when P is whole
 * months (2026-05 → 2026-04, 2026-Q2 → 2026-Q1, 2026-01-01..2026-06-30 → 2025-07-01..2025-12-31),
 * otherwise as many days (2026-05-10..2026-05-16 → 2026-05-03..2026-05-09).
 */
export function previousPeriod(p: Period): Period {
  const [from, to] = [new Date(p.fromMs), new Date(p.toMs)];
  if (from.getUTCDate() !== 1 || to.getUTCDate() !== 1) {
    const fromMs = p.fromMs - p.days * MS_PER_DAY;
    return makePeriod(`${isoDay(fromMs)}..${isoDay(p.fromMs - MS_PER_DAY)}`, fromMs, p.fromMs);
  }
  const fromMs = monthStart(from.getUTCFullYear(), from.getUTCMonth() - p.months);
  const start = new Date(fromMs);
  const quarter = p.months === 3 && start.getUTCMonth() % 3 === 0;
  const label =
    p.months === 1
      ? isoDay(fromMs).slice(0, 7)
      : quarter
        ? `${start.getUTCFullYear()}-Q${start.getUTCMonth() / 3 + 1}`
        : `${isoDay(fromMs)}..${isoDay(p.fromMs - MS_PER_DAY)}`;
  return makePeriod(label, fromMs, p.fromMs);
}
