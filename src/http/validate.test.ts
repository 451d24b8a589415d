import { describe, expect, it } from "vitest";
import { booleanText, oneOf, strictObject, wholeNumber } from "./fields.ts";
import { parseBody, parseQuery } from "./validate.ts";

const query = strictObject({
  limit: wholeNumber(1, 500).default(50),
  band: oneOf(["high", "low"]).optional(),
  open: booleanText.optional(),
});

describe("request validation", () => {
  it("coerces and defaults query values; empty values count as absent", () => {
    expect(parseQuery(query, { limit: "20", band: "", open: "true" })).toEqual({ limit: 20, open: true });
    expect(parseQuery(query, {})).toEqual({ limit: 50 });
  });

  it.each([
    [{ limit: "501" }, 'query parameter "limit": expected a whole number from 1 to 500, found "501"'],
    [{ limit: "2.5" }, 'query parameter "limit": expected a whole number from 1 to 500, found "2.5"'],
    [
      { band: "mid", open: "1" },
      'query parameter "band": expected one of high|low, found "mid"; query parameter "open": expected true or false, found "1"',
    ],
    [{ x: "1", y: "2" }, 'unknown query parameters "x", "y": expected only limit, band, open'],
    [{ limit: ["1", "2"] }, 'query parameter "limit": expected one value, found ["1","2"]'],
  ])("says what was expected and found: %j", (input, message) => {
    expect(() => parseQuery(query, input)).toThrow(expect.objectContaining({ code: "BAD_INPUT", message }));
  });

  it("names missing and non-object bodies", () => {
    const body = strictObject({ days: wholeNumber(1, 9) });
    expect(() => parseBody(body, undefined)).toThrow(
      "expected a JSON body with Content-Type: application/json, found none",
    );
    expect(() => parseBody(body, "7")).toThrow('expected a JSON object body, found "7"');
    expect(() => parseBody(body, null)).toThrow("expected a JSON object body, found null");
    expect(() => parseBody(body, { days: 10 })).toThrow(
      'body field "days": expected a whole number from 1 to 9, found 10',
    );
    expect(parseBody(body, { days: "3" })).toEqual({ days: 3 });
  });
});
