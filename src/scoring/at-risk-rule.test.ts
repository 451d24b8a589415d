import { describe, expect, it } from "vitest";
import { applyAtRiskRule, parseAtRiskRule, riskBand, riskChange } from "./at-risk-rule.ts";

describe("at-risk rules", () => {
  const scores = [
    { probability: 0.9, mrr: 100 },
    { probability: 0.2, mrr: 5000 },
    { probability: 0.5, mrr: 10 },
    { probability: 0.05, mrr: 50 },
  ];

  it.each([
    [undefined, { kind: "threshold", value: 0.31 }],
    ["threshold:0.4", { kind: "threshold", value: 0.4 }],
    ["top:10", { kind: "top_percent", value: 10 }],
    ["top:25%", { kind: "top_percent", value: 25 }],
    ["revenue:500", { kind: "revenue", value: 500 }],
  ])("parses %s", (text, rule) => expect(parseAtRiskRule(text, 0.31)).toEqual(rule));

  it.each(["threshold:1.5", "top:0", "top:150", "revenue:-3", "risky", "threshold:"])(
    "refuses %s with the expected forms",
    (text) => {
      expect(() => parseAtRiskRule(text, 0.3)).toThrow(/expected threshold:P .* found/);
    },
  );

  it("applies each rule", () => {
    expect(applyAtRiskRule({ kind: "threshold", value: 0.5 }, scores)).toEqual([true, false, true, false]);
    expect(applyAtRiskRule({ kind: "top_percent", value: 50 }, scores)).toEqual([true, false, true, false]);
    expect(applyAtRiskRule({ kind: "top_percent", value: 25 }, scores)).toEqual([true, false, false, false]);
    expect(applyAtRiskRule({ kind: "revenue", value: 500 }, scores)).toEqual([false, true, false, false]);
  });

  it("bands and changes", () => {
    expect([0.4, 0.3, 0.16, 0.14].map((p) => riskBand(p, 0.3))).toEqual(["high", "high", "medium", "low"]);
    expect(riskChange({ probability: 0.5, atRisk: true }, undefined)).toBe("new");
    expect(riskChange({ probability: 0.5, atRisk: true }, { probability: 0.4, atRisk: false })).toBe("new");
    expect(riskChange({ probability: 0.5, atRisk: true }, { probability: 0.44, atRisk: true })).toBe("up");
    expect(riskChange({ probability: 0.3, atRisk: false }, { probability: 0.5, atRisk: true })).toBe("down");
    expect(riskChange({ probability: 0.31, atRisk: false }, { probability: 0.3, atRisk: false })).toBe("same");
  });
});
