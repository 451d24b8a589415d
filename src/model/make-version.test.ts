import { describe, expect, it } from "vitest";
import { makeVersion } from "./make-version.ts";

describe("makeVersion", () => {
  it("formats UTC time plus a random suffix, sortable by time", () => {
    const a = makeVersion(new Date("2026-11-24T15:30:12Z"));
    const b = makeVersion(new Date("2026-11-24T15:30:13Z"));
    expect(a).toMatch(/^20261124-153012-[0-9a-f]{6}$/);
    expect([b, a].sort()).toEqual([a, b]);
    expect(makeVersion(new Date(0))).not.toBe(makeVersion(new Date(0)));
  });
});
