import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ErrorCode } from "./errors.ts";
import { readSavedJson, savedNumber, type SavedFormat } from "./saved-json.ts";

const format: SavedFormat<{ n: number }> = {
  name: "things.value",
  current: 2,
  versions: { 2: z.object({ formatVersion: z.literal(2), n: savedNumber }).transform(({ n }) => ({ n })) },
  unversioned: z.object({ count: z.number() }).transform(({ count }) => ({ n: count })),
  remedy: "write it again",
  code: ErrorCode.Database,
};

describe("readSavedJson", () => {
  it("reads the current format and the older unversioned shape into the same value", () => {
    expect(readSavedJson(format, '{"formatVersion":2,"n":3}', "of t1")).toEqual({ n: 3 });
    expect(readSavedJson(format, '{"count":3}', "of t1")).toEqual({ n: 3 });
  });

  it("reads null back as NaN where a measured number was NaN or infinite", () => {
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY])
      expect(readSavedJson(format, JSON.stringify({ formatVersion: 2, n }), "of t1").n).toBeNaN();
  });

  it.each([
    ["nothing", "", "things.value of t1: expected format 2, found nothing; write it again"],
    [
      "text that is not JSON",
      "{oops",
      'things.value of t1: expected format 2, found text that is not JSON ("{oops"); write it again',
    ],
    [
      "an unknown version",
      '{"formatVersion":3,"n":1}',
      "things.value of t1: expected format 2, found format 3; write it again",
    ],
    [
      "a version that is not a number",
      '{"formatVersion":"2","n":1}',
      'things.value of t1: expected format 2, found format "2"; write it again',
    ],
    [
      "the current version with a field of the wrong type",
      '{"formatVersion":2,"n":"x"}',
      "things.value of t1: expected format 2, found format 2 with n: ",
    ],
    [
      "an unversioned value of no known shape",
      '{"total":1}',
      "things.value of t1: expected format 2, found an unversioned value with count: ",
    ],
    ["a bare value", "7", "things.value of t1: expected format 2, found an unversioned value with (value): "],
  ])("refuses %s, saying what was expected and found", (_case, text, message) => {
    expect(() => readSavedJson(format, text, "of t1")).toThrow(
      expect.objectContaining({ code: ErrorCode.Database, message: expect.stringContaining(message) }),
    );
  });

  it("refuses an unversioned value when the format has no reader for one", () => {
    const strict = { ...format, unversioned: undefined };
    expect(() => readSavedJson(strict, '{"count":3}', "in /m")).toThrow(
      "things.value in /m: expected format 2, found a value without a format version; write it again",
    );
  });

  it("shortens long text that is not JSON", () => {
    expect(() => readSavedJson(format, `x${"y".repeat(200)}`, "of t1")).toThrow(
      /found text that is not JSON \("xy{59}…"\)/,
    );
  });
});
