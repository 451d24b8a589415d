import { describe, expect, it } from "vitest";
import { createRandom } from "./seeded-random.ts";

describe("createRandom", () => {
  it("repeats its sequence for a seed and differs across seeds", () => {
    const a = Array.from({ length: 5 }, createRandom(42).next);
    expect(Array.from({ length: 5 }, createRandom(42).next)).toEqual(a);
    expect(Array.from({ length: 5 }, createRandom(43).next)).not.toEqual(a);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it("shuffles to a permutation", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect([...createRandom(1).shuffle([...items])].sort((a, b) => a - b)).toEqual(items);
  });
});
