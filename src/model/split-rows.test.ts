import { describe, expect, it } from "vitest";
import { splitRows, stratifiedFolds, stratifiedSplit } from "./split-rows.ts";

const y = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // 25 positives

describe("stratifiedSplit", () => {
  it("holds out the same share of each class, reproducibly", () => {
    const a = stratifiedSplit({ y, fraction: 0.2, seed: 42 });
    expect(a.holdout).toHaveLength(20);
    expect(Array.from(a.holdout).filter((i) => y[i] === 1)).toHaveLength(5);
    expect(stratifiedSplit({ y, fraction: 0.2, seed: 42 })).toEqual(a);
    expect(stratifiedSplit({ y, fraction: 0.2, seed: 43 })).not.toEqual(a);
  });
});

describe("stratifiedFolds", () => {
  it("puts every row in exactly one holdout", () => {
    const folds = stratifiedFolds({ y, folds: 5, seed: 1 });
    const seen = folds.flatMap((f) => Array.from(f.holdout)).sort((a, b) => a - b);
    expect(seen).toEqual(y.map((_, i) => i));
    for (const f of folds) expect(f.train.length + f.holdout.length).toBe(100);
  });
});

describe("splitRows", () => {
  it("takes a caller's boolean mask", () => {
    const [split] = splitRows({ y, split: { kind: "mask", validation: y.map((_, i) => i >= 80) }, seed: 1 });
    expect(Array.from(split.holdout)).toEqual(Array.from({ length: 20 }, (_, i) => 80 + i));
  });

  it("holds out the latest groups (e.g. as-of dates) until the fraction is reached", () => {
    const groups = y.map((_, i) => `2024-0${1 + Math.floor(i / 25)}-01`); // 4 dates × 25 rows
    const [split] = splitRows({ y, split: { kind: "groups", groups, fraction: 0.2 }, seed: 1 });
    expect(Array.from(split.holdout)).toEqual(Array.from({ length: 25 }, (_, i) => 75 + i));
  });

  it("rejects a split whose validation side lacks a class", () => {
    expect(() => splitRows({ y, split: { kind: "mask", validation: y.map((v) => v === 0) }, seed: 1 })).toThrow(
      /expected both classes on the \w+ side/,
    );
  });

  it("rejects a mask of the wrong length", () => {
    expect(() => splitRows({ y, split: { kind: "mask", validation: [true] }, seed: 1 })).toThrow(
      /validation mask of 100 rows, found 1/,
    );
  });
});
