import { describe, expect, it } from "vitest";
import { extendToRun, parsePeriod, previousPeriod, splitByMonth } from "./parse-period.ts";

const NOW = Date.parse("2026-07-10T15:00:00Z");

describe("parsePeriod", () => {
  it.each([
    ["2026-Q2", "2026-Q2", "2026-04-01", "2026-06-30", 91, 3],
    ["2026-q1", "2026-Q1", "2026-01-01", "2026-03-31", 90, 3],
    ["2025-Q4", "2025-Q4", "2025-10-01", "2025-12-31", 92, 3],
    ["2026-05", "2026-05", "2026-05-01", "2026-05-31", 31, 1],
    ["2024-02", "2024-02", "2024-02-01", "2024-02-29", 29, 1],
    ["2026-05-01..2026-06-15", "2026-05-01..2026-06-15", "2026-05-01", "2026-06-15", 46, 46 / (365.25 / 12)],
    ["2026-05-01..2026-06-30", "2026-05-01..2026-06-30", "2026-05-01", "2026-06-30", 61, 2],
    ["2026-05-07..2026-05-07", "2026-05-07..2026-05-07", "2026-05-07", "2026-05-07", 1, 1 / (365.25 / 12)],
    [undefined, "2026-06", "2026-06-01", "2026-06-30", 30, 1],
    ["", "2026-06", "2026-06-01", "2026-06-30", 30, 1],
  ])("%s → %s (%s to %s, %i days)", (input, label, firstDay, lastDay, days, months) => {
    const p = parsePeriod(input, NOW);
    expect(p).toMatchObject({ label, firstDay, lastDay, days });
    expect(p.months).toBeCloseTo(months as number, 12);
    expect(p.toMs - p.fromMs).toBe((days as number) * 86_400_000);
    expect(new Date(p.fromMs).toISOString()).toBe(`${firstDay}T00:00:00.000Z`);
  });

  it("defaults to December of the previous year in January", () => {
    expect(parsePeriod(undefined, Date.parse("2026-01-03T00:00:00Z"))).toMatchObject({
      label: "2025-12",
      firstDay: "2025-12-01",
      lastDay: "2025-12-31",
    });
  });

  const FORMS = "expected YYYY-Qn (2026-Q2), YYYY-MM (2026-05) or YYYY-MM-DD..YYYY-MM-DD (inclusive end day)";
  it.each([
    ["2026-Q5", `period: ${FORMS}, found "2026-Q5"`],
    ["2026-13", `period: ${FORMS}, found "2026-13"`],
    ["May", `period: ${FORMS}, found "May"`],
    ["2026-5", `period: ${FORMS}, found "2026-5"`],
    ["2026-05-01", `period: ${FORMS}, found "2026-05-01"`],
    [
      "2026-02-30..2026-03-01",
      'period: expected a date YYYY-MM-DD that exists (2026-02 has 28 days) before "..", found "2026-02-30" in "2026-02-30..2026-03-01"',
    ],
    [
      "2026-02-01..2026-02-31",
      'period: expected a date YYYY-MM-DD that exists (2026-02 has 28 days) after "..", found "2026-02-31" in "2026-02-01..2026-02-31"',
    ],
    [
      "0099-01-01..2026-02-01",
      'period: expected a year from 1900 to 2200 before "..", found "0099-01-01" in "0099-01-01..2026-02-01"',
    ],
    ["0099-Q1", 'period: expected a year from 1900 to 2200, found "0099-Q1"'],
    ["1899-12", 'period: expected a year from 1900 to 2200, found "1899-12"'],
    [
      "2026-05-10..2026-05-01",
      'period: expected the end day on or after the start day, found "2026-05-10..2026-05-01"',
    ],
    ["2026-08", 'period: expected a period that starts before now (2026-07-10), found "2026-08" starting 2026-08-01'],
  ])("refuses %s", (input, message) => {
    expect(() => parsePeriod(input, NOW)).toThrow(message);
  });

  it("accepts a period that has started but not ended", () => {
    expect(parsePeriod("2026-Q3", NOW)).toMatchObject({ firstDay: "2026-07-01", lastDay: "2026-09-30" });
  });

  it("names the option as the caller spells it", () => {
    expect(() => parsePeriod("x", NOW, "--period")).toThrow(/^--period: expected/);
  });
});

describe("splitByMonth", () => {
  it("cuts a range into calendar months, each cut to the range", () => {
    const months = splitByMonth(parsePeriod("2026-01-20..2026-03-05", NOW));
    expect(months.map((m) => [m.label, m.firstDay, m.lastDay, m.days, m.months])).toEqual([
      ["2026-01", "2026-01-20", "2026-01-31", 12, 12 / (365.25 / 12)],
      ["2026-02", "2026-02-01", "2026-02-28", 28, 1],
      ["2026-03", "2026-03-01", "2026-03-05", 5, 5 / (365.25 / 12)],
    ]);
  });

  it("a quarter is three whole months", () => {
    expect(splitByMonth(parsePeriod("2026-Q2", NOW)).map((m) => m.label)).toEqual(["2026-04", "2026-05", "2026-06"]);
  });
});

describe("extendToRun", () => {
  const may = parsePeriod("2026-05", Date.parse("2026-06-20T00:00:00Z"));
  const at = (iso: string) => Date.parse(`${iso}Z`);
  it.each<[string, number | null, string, string]>([
    ["no run", null, "2026-06-20T12:00:00", "2026-05"],
    ["a run inside", at("2026-05-31T00:00:00"), "2026-06-20T12:00:00", "2026-05"],
    ["a run before", at("2026-04-30T00:00:00"), "2026-06-20T12:00:00", "2026-05"],
    [
      "a run after: on through the day of now",
      at("2026-06-10T00:00:00"),
      "2026-06-20T12:00:00",
      "2026-05-01..2026-06-20",
    ],
    [
      "a run at now, the first of a month at 00:00",
      at("2026-06-01T00:00:00"),
      "2026-06-01T00:00:00",
      "2026-05-01..2026-06-01",
    ],
  ])("%s", (_, runMs, now, label) => {
    const period = extendToRun(may, runMs, at(now));
    expect(period.label).toBe(label);
    if (runMs !== null && runMs >= may.fromMs) expect(runMs >= period.fromMs && runMs < period.toMs).toBe(true);
  });
});

describe("previousPeriod", () => {
  it.each([
    ["2026-05", "2026-04", "2026-04-01", "2026-04-30", 30],
    ["2026-03", "2026-02", "2026-02-01", "2026-02-28", 28],
    ["2026-01", "2025-12", "2025-12-01", "2025-12-31", 31],
    ["2026-Q2", "2026-Q1", "2026-01-01", "2026-03-31", 90],
    ["2026-Q1", "2025-Q4", "2025-10-01", "2025-12-31", 92],
    ["2026-02-01..2026-04-30", "2025-11-01..2026-01-31", "2025-11-01", "2026-01-31", 92],
    ["2026-01-01..2026-06-30", "2025-07-01..2025-12-31", "2025-07-01", "2025-12-31", 184],
    ["2026-05-10..2026-05-16", "2026-05-03..2026-05-09", "2026-05-03", "2026-05-09", 7],
    ["2026-05-01..2026-07-10", "2026-02-19..2026-04-30", "2026-02-19", "2026-04-30", 71],
    ["2026-03-01..2026-03-01", "2026-02-28..2026-02-28", "2026-02-28", "2026-02-28", 1],
  ])("before %s: %s (%s to %s, %i days), ending where it starts", (text, label, firstDay, lastDay, days) => {
    const period = parsePeriod(text, NOW);
    const previous = previousPeriod(period);
    expect(previous).toMatchObject({ label, firstDay, lastDay, days, toMs: period.fromMs });
    // The same length: as many calendar months for whole months, else as many days.
    if (Number.isInteger(period.months)) expect(previous.months).toBe(period.months);
    else expect(previous.days).toBe(period.days);
  });
});
