import { describe, expect, it } from "vitest";
import { isCronExpression } from "./cron-expression.ts";

describe("isCronExpression", () => {
  it.each([
    "0 7 * * 1-5",
    "0 2 * * *",
    "*/15 * * * *",
    "30 6 1,15 * mon-fri",
    "0 9 * jan-mar 1",
    "0 0 * * 7",
    "0 30 7 * * 1-5",
    "0-30/10 8-18 * * *",
  ])("accepts %j", (text) => expect(isCronExpression(text)).toBe(true));

  it.each([
    "",
    "7am",
    "0 7 * *",
    "0 7 * * * * *",
    "60 7 * * *",
    "0 24 * * *",
    "0 7 0 * *",
    "0 7 * 13 *",
    "0 7 * * 8",
    "0 7 * * fri-mon",
    "0 7 * * 1-",
    "0 7 * * */0",
    "0 7 * * 5/2",
    "0 7 * * monday",
  ])("refuses %j", (text) => expect(isCronExpression(text)).toBe(false));
});
