import { describe, expect, it } from "vitest";
import { binLabels, binOf, fitColumnDistribution, numericBin, quantileEdges } from "./feature-distribution.ts";

describe("training distributions for drift", () => {
  it("cuts numeric values at their distinct deciles", () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(quantileEdges(values)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    // Mostly zeros: the repeated deciles collapse into one edge.
    expect(quantileEdges(Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0, 5, 9]))).toEqual([0, 5]);
    expect(quantileEdges(Float64Array.from([3, 3, 3]))).toEqual([]);
  });

  it.each([
    [-1, 0],
    [0, 0],
    [0.5, 1],
    [5, 1],
    [6, 2],
  ])("puts %d in bin %d of (−∞, 0], (0, 5], (5, ∞)", (v, bin) => {
    expect(numericBin([0, 5], v)).toBe(bin);
  });

  it("shares cover every training row, the missing cells in the last bin", () => {
    const column = fitColumnDistribution({
      name: "x",
      type: "numeric",
      values: [0, 0, 0, 0, 0, 0, 0, 0, 5, 9, null, ""],
    });
    expect(column).toMatchObject({ edges: [0, 5] });
    expect(column.shares).toEqual([8 / 12, 1 / 12, 1 / 12, 2 / 12]);
    expect(binLabels(column)).toEqual(["≤ 0", "0 – 5", "> 5", "missing"]);
    expect(binOf(column)(undefined)).toBe(3);
  });

  it("keeps the most common categories, the rest as other", () => {
    const values = ["a", "a", "b", null, ...Array.from({ length: 10 }, (_, i) => `rare${i}`)];
    const column = fitColumnDistribution({ name: "plan", type: "categorical", values });
    if (column.type !== "categorical") throw new Error("expected a categorical column");
    expect(column.categories).toHaveLength(9);
    expect(column.categories.slice(0, 2)).toEqual(["a", "b"]);
    expect(column.shares.at(-1)).toBeCloseTo(1 / 14, 12);
    expect(binOf(column)("rare9")).toBe(9); // "other"
    expect(column.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
