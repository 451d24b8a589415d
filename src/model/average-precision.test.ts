import { describe, expect, it } from "vitest";
import { averagePrecision } from "./average-precision.ts";

describe("averagePrecision", () => {
  it.each([
    // scikit-learn doc example: ranks 0.8(+) 0.4(−) 0.35(+) 0.1(−) → 1·½ + ⅔·½
    { name: "sklearn example", y: [0, 0, 1, 1], s: [0.1, 0.4, 0.35, 0.8], ap: 0.5 + (2 / 3) * 0.5 },
    { name: "perfect", y: [1, 1, 0], s: [0.9, 0.8, 0.1], ap: 1 },
    // all tied: one threshold, precision = prevalence, recall 1
    { name: "all tied", y: [1, 0, 0, 0], s: [0.3, 0.3, 0.3, 0.3], ap: 0.25 },
    // tie group {0.9: +,−} then 0.5(+): (½)(½) + (½)(⅔)
    { name: "tie group", y: [1, 0, 1], s: [0.9, 0.9, 0.5], ap: 0.25 + 1 / 3 },
  ])("$name", ({ y, s, ap }) => expect(averagePrecision(y, s)).toBeCloseTo(ap, 12));

  it("is NaN without positives", () => expect(averagePrecision([0, 0], [0.1, 0.2])).toBeNaN());
});
