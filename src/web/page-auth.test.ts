import { describe, expect, it } from "vitest";
import { safeNext } from "./page-auth.ts";

describe("safeNext", () => {
  it.each([
    ["/customers/C1?x=1", "/customers/C1?x=1"],
    ["/kpis", "/kpis"],
    ["//evil.test/path", "/at-risk"],
    ["/\\evil.test", "/at-risk"],
    ["https://evil.test", "/at-risk"],
    ["javascript:alert(1)", "/at-risk"],
    ["/sign-in", "/at-risk"],
    ["/a b", "/at-risk"],
    [undefined, "/at-risk"],
    [["/x"], "/at-risk"],
  ])("%j → %s", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
