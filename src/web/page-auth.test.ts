import { describe, expect, it } from "vitest";
import { safeNext } from "./page-auth.ts";

describe("safeNext", () => {
  it.each([
    ["/customers/C1?x=1", "/customers/C1?x=1"],
    ["/kpis", "/kpis"],
    ["//evil.test/path", null],
    ["/\\evil.test", null],
    ["https://evil.test", null],
    ["javascript:alert(1)", null],
    ["/sign-in", null],
    ["/set-password?token=x", null],
    ["/a b", null],
    [undefined, null],
    [["/x"], null],
  ])("%j → %j", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
