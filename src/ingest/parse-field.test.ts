import { describe, expect, it } from "vitest";
import {
  parseDate,
  parseEmail,
  parseEnum,
  parseNumber,
  parseText,
  parseTimestamp,
  parseTimezone,
  Problem,
} from "./parse-field.ts";

const reason = (v: unknown) => (v instanceof Problem ? v.reason : null);

describe("field parsers", () => {
  it.each([
    ["2024-02-29", Date.UTC(2024, 1, 29)],
    ["2024-01-05", Date.UTC(2024, 0, 5)],
  ])("parseDate(%s) is UTC midnight", (raw, ms) => expect(parseDate(raw)).toBe(ms));

  it.each([
    [
      "2023-02-29",
      'unparseable date: expected a date YYYY-MM-DD that exists (2023-02 has 28 days), found "2023-02-29"',
    ],
    [
      "2024-02-30",
      'unparseable date: expected a date YYYY-MM-DD that exists (2024-02 has 29 days), found "2024-02-30"',
    ],
    ["2024-13-01", 'unparseable date: expected a date YYYY-MM-DD with a month from 01 to 12, found "2024-13-01"'],
    ["01/02/2024", 'unparseable date: expected a date YYYY-MM-DD, found "01/02/2024"'],
    ["2024-1-5", 'unparseable date: expected a date YYYY-MM-DD, found "2024-1-5"'],
    ["yesterday", 'unparseable date: expected a date YYYY-MM-DD, found "yesterday"'],
    [20240105, 'unparseable date: expected a date YYYY-MM-DD, found "20240105"'],
  ])("parseDate rejects %s", (raw, why) => {
    expect(reason(parseDate(raw))).toBe(why);
  });

  describe("a JSON value nested deeper than 32 levels is described, never stringified (that overflowed the stack)", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 5000; i++) deep = [deep];
    it.each([
      [parseText, "expected text, found an array nested more than 32 levels deep"],
      [parseEmail, "expected text, found an array nested more than 32 levels deep"],
      [parseNumber, "expected a number, found an array nested more than 32 levels deep"],
      [parseDate, "unparseable date: expected a date YYYY-MM-DD, found an array nested more than 32 levels deep"],
      [
        parseTimestamp,
        "unparseable timestamp: expected an ISO 8601 timestamp with Z or an offset " +
          "(2024-05-01T09:30:00Z), found an array nested more than 32 levels deep",
      ],
      [
        (raw: unknown) => parseEnum(raw, ["email"] as const, null),
        "unknown value: expected one of email, found an array nested more than 32 levels deep",
      ],
      [
        parseTimezone,
        "unknown time zone: expected an IANA name like Europe/Paris, found an array nested more than 32 levels deep",
      ],
    ])("%#", (parse, why) => expect(reason(parse(deep))).toBe(why));

    it("a shallow one is still shown", () => expect(reason(parseText([[1]]))).toBe('expected text, found "[[1]]"'));
  });

  it.each([
    ["0099-06-15", parseDate],
    ["0001-01-01", parseDate],
    ["1899-12-31", parseDate],
    ["2201-01-01", parseDate],
    ["0099-06-15T10:00:00Z", parseTimestamp],
    ["0050-01-01T00:00:00+01:00", parseTimestamp],
    ["9999-12-31T23:59:59Z", parseTimestamp],
  ])("%s is out of range, never shifted (years 0–99 once read as 1900–1999)", (raw, parse) => {
    expect(reason(parse(raw))).toBe(`value out of range: expected a year from 1900 to 2200, found "${raw}"`);
  });

  it.each([
    ["1900-01-01", Date.UTC(1900, 0, 1)],
    ["2200-12-31", Date.UTC(2200, 11, 31)],
  ])("parseDate accepts the range's ends: %s", (raw, ms) => expect(parseDate(raw)).toBe(ms));

  it.each(["0x10", "0b11", "0o7", "1_000", "12abc", "Infinity", "1,5"])(
    "parseNumber refuses %s (Number() would read some of them)",
    (raw) => {
      expect(reason(parseNumber(raw))).toBe(`expected a number, found "${raw}"`);
    },
  );

  it.each([
    ["12", 12],
    ["-3.5", -3.5],
    ["+4", 4],
    [".5", 0.5],
    ["1e3", 1000],
    [" 7 ", 7],
    [16, 16],
  ])("parseNumber reads %s as %s", (raw, n) => expect(parseNumber(raw)).toBe(n));

  it.each([
    ["a\u0000b", "expected text without NUL characters, found a NUL (\\u0000)"],
    ["x\ud800y", "expected valid Unicode text, found a lone surrogate (half of a UTF-16 pair)"],
    ["\udc00", "expected valid Unicode text, found a lone surrogate (half of a UTF-16 pair)"],
  ])("parseText refuses %j rather than altering it", (raw, why) => expect(reason(parseText(raw))).toBe(why));

  it("parseText keeps a well-formed pair (an emoji)", () => expect(parseText("ok 😀")).toBe("ok 😀"));

  it("parseDate: blank is null unless required", () => {
    expect(parseDate("")).toBeNull();
    expect(reason(parseDate(" ", true))).toBe("missing required value");
  });

  it.each([
    ["2024-05-01T10:00:00Z", Date.UTC(2024, 4, 1, 10)],
    ["2024-05-01T12:00:00+02:00", Date.UTC(2024, 4, 1, 10)],
    ["2024-05-01T10:00:00.250Z", Date.UTC(2024, 4, 1, 10, 0, 0, 250)],
    ["2024-05-01 10:00Z", Date.UTC(2024, 4, 1, 10)],
    ["2024-05-01t10:00:00z", Date.UTC(2024, 4, 1, 10)],
    ["2024-05-01T10:00:00.289Z", Date.UTC(2024, 4, 1, 10, 0, 0, 289)],
    ["2024-05-01T10:00:00.5Z", Date.UTC(2024, 4, 1, 10, 0, 0, 500)],
    ["2024-05-01T10:00:00.123456789Z", Date.UTC(2024, 4, 1, 10, 0, 0, 123)],
    ["2024-05-01T15:30:00+0530", Date.UTC(2024, 4, 1, 10)],
    ["2024-05-01T00:00:00-01:30", Date.UTC(2024, 4, 1, 1, 30)],
    ["2024-02-29T23:59:59Z", Date.UTC(2024, 1, 29, 23, 59, 59)],
  ])("parseTimestamp(%s)", (raw, ms) => expect(parseTimestamp(raw)).toBe(ms));

  it.each([
    "2024-05-01T10:00:00",
    "2024-05-01",
    "2024-02-30T10:00:00Z",
    "2023-02-29T10:00:00Z",
    "tomorrow",
    "2024-05-01T24:00:00Z",
    "2024-05-01T10:60:00Z",
    "2024-05-01T10:00:60Z",
    "2024-05-01T10:00:00.Z",
    "2024-05-01T10:00:00.1234567890Z",
    "2024-05-01T10:00:00+24:00",
    "2024-05-01T10:00:00+01:60",
    "2024-05-01T10:00:00Zjunk",
    "2024-05-01T10:00:00+01:00:00",
    "2024/05/01T10:00:00Z",
    "2024-05-01X10:00:00Z",
    "2024-5-01T10:00:00Z",
  ])("parseTimestamp rejects %s (no offset or invalid)", (raw) => {
    expect(reason(parseTimestamp(raw))).toMatch(
      /^unparseable timestamp: expected an ISO 8601 timestamp (with Z or an offset|on a date that exists)/,
    );
  });

  it("parseNumber checks numbers, integers and ranges", () => {
    expect(parseNumber("3.5")).toBe(3.5);
    expect(parseNumber(7)).toBe(7);
    expect(reason(parseNumber("abc"))).toBe('expected a number, found "abc"');
    expect(reason(parseNumber("-1", { min: 0 }))).toBe("value out of range: expected ≥ 0, found -1");
    expect(reason(parseNumber("11", { min: 0, max: 10 }))).toBe("value out of range: expected 0–10, found 11");
    expect(reason(parseNumber("2.5", { integer: true }))).toBe('expected a whole number, found "2.5"');
    expect(reason(parseNumber("", { required: true }))).toBe("missing required value");
  });

  it("parseEnum is case-insensitive, defaults blanks and names the allowed values", () => {
    expect(parseEnum("Email", ["email", "chat"] as const, "chat")).toBe("email");
    expect(parseEnum("", ["email", "chat"] as const, "chat")).toBe("chat");
    expect(reason(parseEnum("fax", ["email", "chat"] as const, null))).toBe(
      'unknown value: expected one of email|chat, found "fax"',
    );
  });

  it("parseTimezone accepts IANA names only", () => {
    expect(parseTimezone("Europe/Paris")).toBe("Europe/Paris");
    expect(parseTimezone("")).toBe("UTC");
    expect(reason(parseTimezone("Mars/Base"))).toMatch(/^unknown time zone/);
  });

  it("parseText and parseEmail", () => {
    expect(parseText("  x ")).toBe("x");
    expect(reason(parseText("", true))).toBe("missing required value");
    expect(reason(parseText({ a: 1 }))).toMatch(/^expected text/);
    expect(parseEmail("a@b.test")).toBe("a@b.test");
    expect(reason(parseEmail("not an email"))).toMatch(/^expected an email address/);
  });
});
