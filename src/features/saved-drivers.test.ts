import { describe, expect, it } from "vitest";
import { readDrivers, writeDrivers, type Driver } from "./saved-drivers.ts";

const drivers: Driver[] = [
  { feature: "cancel_request", text: "asked to cancel 3 days ago", value: null, delta: 0.31 },
  {
    feature: "logins",
    text: "logins 6 in the last 30 days, down from 41 in the 30 before",
    value: null,
    delta: 0.000123,
  },
];

describe("saved drivers", () => {
  it.each([
    ["three reasons", drivers],
    ["no reasons", []],
  ])("round-trip %s with format 2", (_case, list) => {
    const text = writeDrivers(list);
    expect(JSON.parse(text)).toEqual({ formatVersion: 2, drivers: list });
    expect(readDrivers(text, "of customer A1")).toEqual(list);
  });

  it.each([
    [
      "the bare array of scoring before format 2 (the feature's value kept)",
      '[{"feature":"tickets_90d","text":"6 tickets in 90 days","value":6,"delta":0.05}]',
      [{ feature: "tickets_90d", text: "6 tickets in 90 days", value: 6, delta: 0.05 }],
    ],
    [
      "a categorical value",
      '[{"feature":"plan","text":"on the Basic plan","value":"Basic","delta":0.01}]',
      [{ feature: "plan", text: "on the Basic plan", value: "Basic", delta: 0.01 }],
    ],
    ["an empty bare array", "[]", []],
  ])("reads %s", (_case, text, expected) => {
    expect(readDrivers(text, "of customer A1")).toEqual(expected);
  });

  it.each([
    [
      '{"formatVersion":3,"drivers":[]}',
      "drivers of customer A1: expected format 2, found format 3; score again with `npx retain score`",
    ],
    [
      '[{"feature":"logins","delta":0.1}]',
      "drivers of customer A1: expected format 2, found an unversioned value with [0].text: expected string, received undefined",
    ],
    ["logins fell", "drivers of customer A1: expected format 2, found text that is not JSON"],
  ])("refuses %s, saying what was expected and found", (text, message) => {
    expect(() => readDrivers(text, "of customer A1")).toThrow(
      expect.objectContaining({ code: "DATABASE", message: expect.stringContaining(message) }),
    );
  });
});
