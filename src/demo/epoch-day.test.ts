import { describe, expect, it } from "vitest";
import {
  addMonths,
  DAY_MS,
  formatEpochDay,
  formatTimestamp,
  nextRenewalDay,
  parseEpochDay,
  weekdayOf,
} from "./epoch-day.ts";

const day = (text: string) => parseEpochDay(text)!;

describe("epoch days", () => {
  it.each([
    ["1970-01-01", 0],
    ["2024-02-29", Date.UTC(2024, 1, 29) / DAY_MS],
    ["1969-12-31", -1],
  ])("parses %s", (text, expected) => expect(parseEpochDay(text)).toBe(expected));

  it.each(["2023-02-29", "2024-13-01", "2024-04-31", "2024-1-5", "01/02/2024", "", "2024-05-01T00:00:00Z"])(
    "rejects %j",
    (text) => expect(parseEpochDay(text)).toBeUndefined(),
  );

  it("formats every day from 1900 to 2200 like Date#toISOString", () => {
    for (let d = day("1900-01-01"); d <= day("2200-12-31"); d++) {
      const expected = new Date(d * DAY_MS).toISOString().slice(0, 10);
      if (formatEpochDay(d) !== expected) expect(formatEpochDay(d)).toBe(expected);
    }
  });

  it("formats timestamps with whole seconds and Z", () => {
    expect(formatTimestamp(Date.UTC(2024, 4, 1, 13, 4, 5, 999))).toBe("2024-05-01T13:04:05Z");
    expect(formatTimestamp(Date.UTC(2023, 11, 31, 23, 59, 59))).toBe("2023-12-31T23:59:59Z");
    expect(formatTimestamp(0)).toBe("1970-01-01T00:00:00Z");
  });

  it("knows weekdays (0 = Sunday)", () => {
    expect(weekdayOf(day("2024-06-30"))).toBe(0);
    expect(weekdayOf(day("2024-06-29"))).toBe(6);
    expect(weekdayOf(day("1969-12-29"))).toBe(1);
  });

  it.each([
    ["2024-01-31", 1, "2024-02-29"],
    ["2023-01-31", 1, "2023-02-28"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-11-15", 3, "2025-02-15"],
  ])("addMonths(%s, %i) = %s", (from, months, expected) => {
    expect(formatEpochDay(addMonths(day(from), months))).toBe(expected);
  });

  it.each([
    ["2024-01-31", "2024-03-01", 1, "2024-03-31"],
    ["2024-01-31", "2024-02-10", 1, "2024-02-29"],
    ["2022-05-10", "2024-05-10", 12, "2024-05-10"],
    ["2022-05-10", "2024-05-11", 12, "2025-05-10"],
    ["2024-05-10", "2024-05-10", 1, "2024-06-10"],
  ])("nextRenewalDay(signup %s, from %s, every %i) = %s", (signup, from, everyMonths, expected) => {
    const renewal = nextRenewalDay({ signupDay: day(signup), fromDay: day(from), everyMonths });
    expect(formatEpochDay(renewal)).toBe(expected);
  });
});
