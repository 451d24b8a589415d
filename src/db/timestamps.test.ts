import { describe, expect, it } from "vitest";
import { isoDateToDay, toSqliteTimestamp } from "./timestamps.ts";

const viaDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

describe("toSqliteTimestamp", () => {
  it("matches Prisma's format (ISO with +00:00) across leap days, month ends and centuries", () => {
    for (const ms of [
      0,
      -1,
      951_782_400_000 /* 2000-02-29 */,
      Date.UTC(1900, 1, 28, 23, 59, 59, 999),
      Date.UTC(2024, 11, 31, 23, 59, 59, 1),
      Date.UTC(9999, 11, 31),
      Date.UTC(1000, 0, 1),
    ]) {
      expect(toSqliteTimestamp(ms)).toBe(viaDate(ms));
    }
  });

  it("agrees with Date on a sweep of instants", () => {
    for (let ms = Date.UTC(1960, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 86_400_000 * 13 + 3_723_457)
      expect(toSqliteTimestamp(ms)).toBe(viaDate(ms));
  });

  it("falls back to Date outside years 1000–9999", () => {
    expect(toSqliteTimestamp(Date.UTC(10_000, 0, 1))).toBe("+010000-01-01T00:00:00.000+00:00");
    expect(toSqliteTimestamp(new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(50))).toBe("0050-01-01T00:00:00.000+00:00");
    expect(toSqliteTimestamp(new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(-1))).toBe(
      "-000001-01-01T00:00:00.000+00:00",
    );
  });
});

describe("isoDateToDay", () => {
  it("reads a day strictly: 2026-02-31 is not rolled over to March 3", () => {
    expect(isoDateToDay("2026-03-03")).toBe(Date.UTC(2026, 2, 3) / 86_400_000);
    expect(() => isoDateToDay("2026-02-31")).toThrow(
      'expected a date YYYY-MM-DD that exists (2026-02 has 28 days), found "2026-02-31"',
    );
  });
});
