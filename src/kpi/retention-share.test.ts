import { describe, expect, it } from "vitest";
import { byKey, countOutcomes, NONE_KEY, percent, retentionShare, summarizeCrr } from "./retention-share.ts";

describe("percent", () => {
  it.each([
    [1, 4, 25],
    [0, 5, 0],
    [3, 0, null],
    [0, 0, null],
  ])("%i / %i → %s", (k, n, expected) => {
    expect(percent(k, n)).toBe(expected);
  });
});

describe("retentionShare", () => {
  it("leaves pending windows out of n and gives a Wilson interval in percent", () => {
    const share = retentionShare({ retained: 5, churned: 5, pending: 7 });
    expect(share).toMatchObject({ n: 10, retained: 5, churned: 5, pending: 7, rate: 50 });
    expect(share.ci95[0]).toBeCloseTo(23.66, 2);
    expect(share.ci95[1]).toBeCloseTo(76.34, 2);
  });

  it("no decided window: rate null, interval [0, 100]", () => {
    expect(retentionShare({ retained: 0, churned: 0, pending: 3 })).toEqual({
      n: 0,
      retained: 0,
      churned: 0,
      pending: 3,
      rate: null,
      ci95: [0, 100],
    });
  });
});

describe("summarizeCrr", () => {
  it("keeps pending, churned and no-interaction customers in the denominator, never in the numerator", () => {
    const crr = summarizeCrr(
      countOutcomes([
        { outcome: "retained", customers: 3 },
        { outcome: "churned", customers: 4 },
        { outcome: "pending", customers: 2 },
        { outcome: "none", customers: 1 },
      ]),
    );
    expect(crr).toMatchObject({ denominator: 10, numerator: 3, rate: 30, churned: 4, pending: 2, noInteraction: 1 });
    expect(crr.decided).toMatchObject({ n: 7, retained: 3 });
  });

  it("an empty cohort has no rate", () => {
    expect(summarizeCrr(countOutcomes([]))).toMatchObject({
      denominator: 0,
      numerator: 0,
      rate: null,
      decided: { n: 0, rate: null },
    });
  });
});

describe("byKey", () => {
  it("groups rows by key, null as (none)", () => {
    const groups = byKey([
      { grp: "a", v: 1 },
      { grp: null, v: 2 },
      { grp: "a", v: 3 },
    ]);
    expect([...groups.keys()]).toEqual(["a", NONE_KEY]);
    expect(groups.get("a")!.map((r) => r.v)).toEqual([1, 3]);
  });
});
