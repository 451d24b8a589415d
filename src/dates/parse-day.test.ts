import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { parseDay, parseDayOrInstant } from "./parse-day.ts";

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_INPUT") return error.message;
    throw error;
  }
  throw new Error("expected a BAD_INPUT AppError");
}

describe("parseDay / parseDayOrInstant", () => {
  it("read a day as 00:00 UTC, and a timestamp where one is allowed", () => {
    expect(parseDay("--from", "2026-02-28")).toBe(Date.UTC(2026, 1, 28));
    expect(parseDayOrInstant("from", "2026-02-28")).toBe(Date.UTC(2026, 1, 28));
    expect(parseDayOrInstant("from", "2026-02-28T09:30:00+01:00")).toBe(Date.UTC(2026, 1, 28, 8, 30));
  });

  it.each([
    [
      () => parseDay("--from", "2026-02-31"),
      '--from: expected a date YYYY-MM-DD that exists (2026-02 has 28 days), found "2026-02-31"',
    ],
    [() => parseDay("--as-of", "0099-06-15"), '--as-of: expected a year from 1900 to 2200, found "0099-06-15"'],
    [() => parseDay("now", "2026-2-3"), 'now: expected a date YYYY-MM-DD, found "2026-2-3"'],
    [
      () => parseDayOrInstant("from", "2026-02-31"),
      'from: expected a date YYYY-MM-DD that exists (2026-02 has 28 days), found "2026-02-31"',
    ],
    [
      () => parseDayOrInstant("to", "2026-02-31T10:00:00Z"),
      'to: expected an ISO 8601 timestamp on a date that exists (2026-02 has 28 days), found "2026-02-31T10:00:00Z"',
    ],
    [
      () => parseDayOrInstant("to", "last week"),
      'to: expected a date YYYY-MM-DD or an ISO 8601 timestamp with Z or an offset (2024-05-01T09:30:00Z), found "last week"',
    ],
  ])("%#: refuses with what was expected and found", (fn, text) => expect(message(fn)).toBe(text));
});
