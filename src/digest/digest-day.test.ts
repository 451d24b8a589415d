import { describe, expect, it } from "vitest";
import { digestDay, localDay } from "./digest-day.ts";

describe("digestDay", () => {
  it.each([
    ["2026-12-01", "UTC", "Tue 1 Dec", "2026-11-30T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    ["2026-06-09", "America/New_York", "Tue 9 Jun", "2026-06-08T04:00:00.000Z", "2026-06-09T04:00:00.000Z"],
    ["2026-03-01", "Europe/Paris", "Sun 1 Mar", "2026-02-27T23:00:00.000Z", "2026-02-28T23:00:00.000Z"],
    // The day before the spring change in Paris has 24 hours; the day of it 23.
    ["2026-03-30", "Europe/Paris", "Mon 30 Mar", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"],
    ["2027-01-01", "Asia/Tokyo", "Fri 1 Jan", "2026-12-30T15:00:00.000Z", "2026-12-31T15:00:00.000Z"],
  ])("%s in %s: %s, yesterday from %s to %s", (date, zone, label, from, to) => {
    const day = digestDay(date, zone);
    expect(day.label).toBe(label);
    expect(day.yesterday.from.toISOString()).toBe(from);
    expect(day.yesterday.to.toISOString()).toBe(to);
    expect(new Date(day.dayStartMs).toISOString()).toBe(`${date}T00:00:00.000Z`);
  });

  it("refuses a day that does not exist", () => expect(() => digestDay("2026-02-31", "UTC")).toThrow(/2026-02-31/));

  it("today is the local date", () => {
    expect(localDay(new Date("2026-06-09T03:00:00Z"), "America/New_York")).toBe("2026-06-08");
    expect(localDay(new Date("2026-06-09T03:00:00Z"), "UTC")).toBe("2026-06-09");
  });
});
