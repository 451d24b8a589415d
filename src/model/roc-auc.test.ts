import { describe, expect, it } from "vitest";
import { rocAuc, rocCurve } from "./roc-auc.ts";

describe("rocAuc", () => {
  it.each([
    { name: "perfect", y: [0, 0, 1, 1], s: [0.1, 0.2, 0.8, 0.9], auc: 1 },
    { name: "reversed", y: [0, 0, 1, 1], s: [0.9, 0.8, 0.2, 0.1], auc: 0 },
    // pairs (pos, neg): (0.35>0.1) (0.35<0.4) (0.8>0.1) (0.8>0.4) → 3/4
    { name: "sklearn example", y: [0, 0, 1, 1], s: [0.1, 0.4, 0.35, 0.8], auc: 0.75 },
    { name: "all tied", y: [0, 1, 0, 1], s: [0.5, 0.5, 0.5, 0.5], auc: 0.5 },
    // pos 0.5 vs neg 0.5 tie (½), pos 0.5 > neg 0.2, pos 0.9 > both → (0.5 + 1 + 1 + 1) / 4
    { name: "one tie", y: [1, 0, 1, 0], s: [0.5, 0.5, 0.9, 0.2], auc: 0.875 },
  ])("$name", ({ y, s, auc }) => expect(rocAuc(y, s)).toBeCloseTo(auc, 12));

  it("is NaN when a class is absent", () => expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN());
});

describe("rocCurve", () => {
  it("starts at (0,0), ends at (1,1) and has one point per distinct score", () => {
    const points = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(points.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
    expect(points[0].threshold).toBeNull();
  });

  it("thins long curves to maxPoints", () => {
    const y = Array.from({ length: 1000 }, (_, i) => i % 2);
    const s = y.map((_, i) => i / 1000);
    expect(rocCurve(y, s, 11)).toHaveLength(11);
  });
});
