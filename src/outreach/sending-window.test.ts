import { describe, expect, it } from "vitest";
import { nextSendingTime } from "./sending-window.ts";

const WEEKDAYS_9_TO_5 = { start: 9, end: 17, days: [1, 2, 3, 4, 5] };

describe("nextSendingTime", () => {
  it.each([
    // [instant (UTC), zone, expected (UTC), why]
    ["2026-03-03T10:30:00Z", "UTC", "2026-03-03T10:30:00.000Z", "inside the hours: unchanged"],
    ["2026-03-03T07:00:00Z", "UTC", "2026-03-03T09:00:00.000Z", "before 09:00: the same day at 09:00"],
    ["2026-03-03T17:00:00Z", "UTC", "2026-03-04T09:00:00.000Z", "17:00 is outside (end exclusive): next day"],
    ["2026-03-06T18:00:00Z", "UTC", "2026-03-09T09:00:00.000Z", "Friday evening: Monday 09:00"],
    ["2026-03-07T12:00:00Z", "UTC", "2026-03-09T09:00:00.000Z", "Saturday: Monday 09:00"],
    ["2026-03-03T07:30:00Z", "Europe/Paris", "2026-03-03T08:00:00.000Z", "08:30 in Paris (UTC+1): 09:00 Paris"],
    ["2026-03-03T16:30:00Z", "Europe/Paris", "2026-03-04T08:00:00.000Z", "17:30 in Paris: next day 09:00 Paris"],
    ["2026-03-03T12:00:00Z", "America/Los_Angeles", "2026-03-03T17:00:00.000Z", "04:00 in LA: 09:00 LA"],
    ["2026-03-06T23:30:00Z", "Asia/Tokyo", "2026-03-09T00:00:00.000Z", "Saturday 08:30 in Tokyo: Monday 09:00 Tokyo"],
    [
      "2026-03-28T12:00:00Z",
      "Europe/Paris",
      "2026-03-30T07:00:00.000Z",
      "Saturday, across the DST change: Monday 09:00 Paris is UTC+2",
    ],
    ["2026-03-03T10:00:00Z", "Not/AZone", "2026-03-03T10:00:00.000Z", "an unknown zone counts as UTC"],
  ])("%s in %s → %s (%s)", (at, timeZone, expected) => {
    expect(nextSendingTime(new Date(at), { timeZone, hours: WEEKDAYS_9_TO_5 }).toISOString()).toBe(expected);
  });

  it("all day, every day: the instant itself", () => {
    const at = new Date("2026-03-07T03:17:00Z");
    expect(
      nextSendingTime(at, { timeZone: "Asia/Kolkata", hours: { start: 0, end: 24, days: [0, 1, 2, 3, 4, 5, 6] } }),
    ).toEqual(at);
  });
});
