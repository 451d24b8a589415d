import { describe, expect, it } from "vitest";
import { parseKpiOptions } from "./parse-kpi-options.ts";

const CLOCK = Date.parse("2026-07-10T15:30:00Z");
const CLI = { period: "--period", by: "--by", windowDays: "--window-days", spend: "--spend", now: "--now" };

describe("parseKpiOptions", () => {
  it("defaults: last full month, 60-day window, the clock as now, no breakdown, no spend", () => {
    const o = parseKpiOptions({}, { clockMs: CLOCK });
    expect(o).toMatchObject({ nowMs: CLOCK, windowDays: 60, by: null, spend: null });
    expect(o.period.label).toBe("2026-06");
  });

  it("--now is 00:00 UTC of that day and moves the default period", () => {
    const o = parseKpiOptions(
      { now: "2026-03-15", windowDays: "30", by: "agent", spend: "1250.50" },
      { clockMs: CLOCK },
    );
    expect(o).toMatchObject({ nowMs: Date.parse("2026-03-15T00:00:00Z"), windowDays: 30, by: "agent", spend: 1250.5 });
    expect(o.period.label).toBe("2026-02");
  });

  it.each([
    [{ by: "region" }, '--by: expected one of month|plan|segment|channel|agent, found "region"'],
    [{ windowDays: "0" }, '--window-days: expected a whole number of days from 1 to 3650, found "0"'],
    [{ windowDays: "7.5" }, '--window-days: expected a whole number of days from 1 to 3650, found "7.5"'],
    [{ windowDays: "9999" }, '--window-days: expected a whole number of days from 1 to 3650, found "9999"'],
    [{ spend: "-5" }, '--spend: expected an amount ≥ 0 (e.g. 12500 or 12500.50), found "-5"'],
    [{ spend: "1e9" }, '--spend: expected an amount ≥ 0 (e.g. 12500 or 12500.50), found "1e9"'],
    [{ now: "2026-02-30" }, '--now: expected a date YYYY-MM-DD that exists (2026-02 has 28 days), found "2026-02-30"'],
    [{ now: "0099-02-03" }, '--now: expected a year from 1900 to 2200, found "0099-02-03"'],
    [
      { period: "Q2" },
      '--period: expected YYYY-Qn (2026-Q2), YYYY-MM (2026-05) or YYYY-MM-DD..YYYY-MM-DD (inclusive end day), found "Q2"',
    ],
  ])("refuses %j", (input, message) => {
    expect(() => parseKpiOptions(input, { names: CLI, clockMs: CLOCK })).toThrow(message);
  });

  it("names options as given: HTTP query names by default", () => {
    expect(() => parseKpiOptions({ windowDays: "x" }, { clockMs: CLOCK })).toThrow(/^windowDays: expected/);
  });
});
