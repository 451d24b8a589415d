import { describe, expect, it } from "vitest";
import { DateProblem, readIsoDay, readIsoInstant } from "./read-iso.ts";

const expected = (v: number | DateProblem) => (v instanceof DateProblem ? v.expected : v);

describe("readIsoDay", () => {
  it.each([
    ["2024-02-29", Date.UTC(2024, 1, 29)],
    ["2026-01-31", Date.UTC(2026, 0, 31)],
    ["2026-04-30", Date.UTC(2026, 3, 30)],
    ["2000-02-29", Date.UTC(2000, 1, 29)],
    ["1900-01-01", Date.UTC(1900, 0, 1)],
    ["2200-12-31", Date.UTC(2200, 11, 31)],
  ])("%s is 00:00 UTC of that day", (text, ms) => expect(readIsoDay(text)).toBe(ms));

  it.each([
    ["2026-02-31", "a date YYYY-MM-DD that exists (2026-02 has 28 days)"],
    ["2026-02-29", "a date YYYY-MM-DD that exists (2026-02 has 28 days)"],
    ["1900-02-29", "a date YYYY-MM-DD that exists (1900-02 has 28 days)"],
    ["2026-04-31", "a date YYYY-MM-DD that exists (2026-04 has 30 days)"],
    ["2026-01-00", "a date YYYY-MM-DD that exists (2026-01 has 31 days)"],
    ["2026-13-01", "a date YYYY-MM-DD with a month from 01 to 12"],
    ["2026-00-10", "a date YYYY-MM-DD with a month from 01 to 12"],
    ["0099-06-15", "a year from 1900 to 2200"],
    ["1899-12-31", "a year from 1900 to 2200"],
    ["2201-01-01", "a year from 1900 to 2200"],
    ["2026-2-3", "a date YYYY-MM-DD"],
    ["2026/02/03", "a date YYYY-MM-DD"],
    [" 2026-02-03", "a date YYYY-MM-DD"],
    ["2026-02-03T00:00:00Z", "a date YYYY-MM-DD"],
    ["20260203", "a date YYYY-MM-DD"],
    ["yesterday", "a date YYYY-MM-DD"],
    ["", "a date YYYY-MM-DD"],
  ])("refuses %j: expected %s", (text, why) => expect(expected(readIsoDay(text))).toBe(why));

  it("flags a year out of range as such (ingest reports it as 'value out of range')", () => {
    expect((readIsoDay("0099-06-15") as DateProblem).outOfRange).toBe(true);
    expect((readIsoDay("2026-02-31") as DateProblem).outOfRange).toBe(false);
  });
});

describe("readIsoInstant", () => {
  it.each([
    ["2024-05-01T10:00:00Z", Date.UTC(2024, 4, 1, 10)],
    ["2024-05-01T12:00:00+02:00", Date.UTC(2024, 4, 1, 10)],
    ["2024-05-01T00:30:00+01:00", Date.UTC(2024, 3, 30, 23, 30)],
    ["2024-05-01T15:30:00+0530", Date.UTC(2024, 4, 1, 10)],
    ["2024-05-01T00:00:00-01:30", Date.UTC(2024, 4, 1, 1, 30)],
    ["2024-05-01 10:00Z", Date.UTC(2024, 4, 1, 10)],
    ["2024-05-01T10:00:00.250Z", Date.UTC(2024, 4, 1, 10, 0, 0, 250)],
    ["2024-05-01T10:00:00.123456789Z", Date.UTC(2024, 4, 1, 10, 0, 0, 123)],
    ["2024-02-29T23:59:59Z", Date.UTC(2024, 1, 29, 23, 59, 59)],
  ])("%s", (text, ms) => expect(readIsoInstant(text)).toBe(ms));

  it.each([
    ["2026-02-31T10:00:00Z", "an ISO 8601 timestamp on a date that exists (2026-02 has 28 days)"],
    ["2026-13-01T10:00:00Z", "an ISO 8601 timestamp on a date with a month from 01 to 12"],
    ["0099-06-15T10:00:00Z", "a year from 1900 to 2200"],
    ["9999-12-31T23:59:59Z", "a year from 1900 to 2200"],
    ["2024-05-01T10:00:00", "an ISO 8601 timestamp with Z or an offset (2024-05-01T09:30:00Z)"],
    ["2024-05-01", "an ISO 8601 timestamp with Z or an offset (2024-05-01T09:30:00Z)"],
    ["2024-05-01T24:00:00Z", "an ISO 8601 timestamp with Z or an offset (2024-05-01T09:30:00Z)"],
    ["2024-05-01T10:00:00+01:00:00", "an ISO 8601 timestamp with Z or an offset (2024-05-01T09:30:00Z)"],
    ["2024/05/01T10:00:00Z", "an ISO 8601 timestamp with Z or an offset (2024-05-01T09:30:00Z)"],
  ])("refuses %j: expected %s", (text, why) => expect(expected(readIsoInstant(text))).toBe(why));
});
