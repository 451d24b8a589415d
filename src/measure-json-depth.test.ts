import { describe, expect, it } from "vitest";
import { measureJsonDepth } from "./measure-json-depth.ts";

function nested(levels: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

describe("measureJsonDepth", () => {
  it.each([
    ["a scalar", 1, 0],
    ["null", null, 0],
    ["an empty array", [], 1],
    ["records", [{ a: 1, b: "x" }, { c: null }], 2],
    ["the deepest branch", [1, [2, [3]], { a: { b: {} } }], 4],
  ])("%s", (_name, value, depth) => expect(measureJsonDepth(value)).toBe(depth));

  it("measures 100,000 levels without overflowing the stack (JSON.stringify throws at a few thousand)", () => {
    const deep = nested(100_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(measureJsonDepth(deep)).toBe(100_000);
  });

  it("stops counting past the limit", () => expect(measureJsonDepth(nested(5000), 32)).toBe(33));
});
