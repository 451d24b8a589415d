import { AppError, ErrorCode } from "../errors.ts";
import type { KpiOptions } from "./build-kpi-report.ts";
import { BREAKDOWNS, type Breakdown } from "./kpi-report.ts";
import { parseDay } from "../dates/index.ts";
import { parsePeriod } from "./parse-period.ts";

/** The KPI options as text, from CLI flags or an HTTP query string. */
export interface KpiOptionsInput {
  period?: string;
  by?: string;
  windowDays?: string;
  spend?: string;
  now?: string;
  /** The period when `period` is not given (a caller's own default, same forms); default the last full month. */
  defaultPeriod?: string;
}

export const DEFAULT_WINDOW_DAYS = 60;
const MAX_WINDOW_DAYS = 3650;

type Names = Record<Exclude<keyof KpiOptionsInput, "defaultPeriod">, string>;
const SAME_NAMES: Names = { period: "period", by: "by", windowDays: "windowDays", spend: "spend", now: "now" };

/**
 * Validates KPI options. `now` is a day (YYYY-MM-DD, taken at 00:00 UTC); without it, the
 * clock. Without a period, `defaultPeriod` (or the last full month), which the report then
 * extends to the latest complete risk run (see extendToRun). `names` are how the caller spells the options in messages (`--window-days`).
 * Throws AppError(BadInput) saying what was expected and what was found.
 */
export function parseKpiOptions(input: KpiOptionsInput, options: { names?: Names; clockMs?: number } = {}): KpiOptions {
  const { names = SAME_NAMES, clockMs = Date.now() } = options;
  const bad = (name: keyof Names, expected: string, found: string) =>
    new AppError(ErrorCode.BadInput, `${names[name]}: expected ${expected}, found "${found}"`);
  const nowMs = input.now === undefined ? clockMs : parseDay(names.now, input.now);
  let by: Breakdown | null = null;
  if (input.by !== undefined) {
    if (!(BREAKDOWNS as readonly string[]).includes(input.by))
      throw bad("by", `one of ${BREAKDOWNS.join("|")}`, input.by);
    by = input.by as Breakdown;
  }
  let windowDays = DEFAULT_WINDOW_DAYS;
  if (input.windowDays !== undefined) {
    windowDays = /^\d+$/.test(input.windowDays) ? Number(input.windowDays) : NaN;
    if (!(windowDays >= 1 && windowDays <= MAX_WINDOW_DAYS))
      throw bad("windowDays", `a whole number of days from 1 to ${MAX_WINDOW_DAYS}`, input.windowDays);
  }
  let spend: number | null = null;
  if (input.spend !== undefined) {
    spend = /^\d+(\.\d+)?$/.test(input.spend.trim()) ? Number(input.spend) : NaN;
    if (!Number.isFinite(spend)) throw bad("spend", "an amount ≥ 0 (e.g. 12500 or 12500.50)", input.spend);
  }
  const asked = input.period !== undefined && input.period !== "";
  const period = parsePeriod(asked ? input.period : input.defaultPeriod, nowMs, names.period);
  return { period, nowMs, windowDays, by, spend, extendToLatestRun: !asked };
}
