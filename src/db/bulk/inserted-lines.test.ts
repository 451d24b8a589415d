import { describe, expect, it } from "vitest";
import { InsertedLines } from "./inserted-lines.ts";

describe("InsertedLines", () => {
  it("remembers the line of each inserted id, and nothing for ids it did not insert", () => {
    const lines = new InsertedLines();
    expect(lines.get(1)).toBeUndefined();
    lines.set(100, 0);
    lines.set(101, 7);
    lines.set(5000, 9); // grows past the first 1024 slots; ids 102–4999 belong to someone else
    expect([lines.get(100), lines.get(101), lines.get(5000)]).toEqual([0, 7, 9]);
    expect([lines.get(99), lines.get(102), lines.get(4999), lines.get(5001)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("forgets the ids of a rolled-back batch", () => {
    const lines = new InsertedLines();
    lines.set(1, 2);
    const mark = lines.mark();
    lines.set(2, 3);
    lines.rollback(mark);
    expect([lines.get(1), lines.get(2)]).toEqual([2, undefined]);
    lines.set(2, 4);
    expect(lines.get(2)).toBe(4);
  });
});
