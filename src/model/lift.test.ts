import { describe, expect, it } from "vitest";
import { liftTable, positivesInTop, topLift } from "./lift.ts";

describe("topLift", () => {
  // 20 rows, 4 churners (20%); the top 2 rows (10%) are both churners → rate 1 / 0.2 = 5
  const y = [1, 1, 0, 0, 1, 0, 0, 0, 0, 1, ...Array(10).fill(0)];
  const s = [0.99, 0.98, ...Array.from({ length: 18 }, (_, i) => 0.5 - i / 100)];

  it("is the top-decile churn rate over the base rate", () => expect(topLift(y, s)).toBeCloseTo(5, 12));
  it("is 1 for a constant score (ties share the places)", () =>
    expect(topLift(y, Array(20).fill(0.3))).toBeCloseTo(1, 12));
});

describe("positivesInTop", () => {
  it("splits a tie group across the cut in proportion", () => {
    // top 2 of: 0.9(+), then a tie {0.5: +, −, −} → 1 + 1·(1/3)
    expect(positivesInTop([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.5], 2)).toBeCloseTo(4 / 3, 12);
  });
});

describe("liftTable", () => {
  it("reaches capture 1 and lift 1 at full depth", () => {
    const rows = liftTable([1, 0, 1, 0, 0], [0.9, 0.8, 0.7, 0.2, 0.1], 5);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ depth: 0.2, capture: 0.5 });
    expect(rows[4].capture).toBeCloseTo(1, 12);
    expect(rows[4].cumulativeLift).toBeCloseTo(1, 12);
  });
});
