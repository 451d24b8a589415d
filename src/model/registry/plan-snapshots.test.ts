import { describe, expect, it } from "vitest";
import { customerSample, planSnapshots, ROWS_PER_BUDGET_SECOND, WARMUP_DAYS } from "./plan-snapshots.ts";

describe("planSnapshots", () => {
  it.each([
    [0, 539, 90, 7],
    [100, 500, 90, 7],
    [0, 720, 60, 14],
    [0, 400, 90, 1],
  ])(
    "usage days %i…%i, horizon %i, step %i: three windows in time order, no date in two roles, each label known before the next window",
    (first, last, horizonDays, stepDays) => {
      const plan = planSnapshots({ first, last, horizonDays, stepDays });
      const roles = [plan.train, plan.validation, plan.test, plan.gap];
      const used = roles.flat();
      expect(new Set(used).size).toBe(used.length); // no date in two roles
      expect([...used].sort((a, b) => a - b)).toEqual(plan.all); // and every labelled date in one
      expect(plan.all[0]).toBeGreaterThanOrEqual(first + WARMUP_DAYS);
      expect(plan.all.at(-1)).toBe(last - horizonDays); // the latest date whose horizon has passed
      for (let i = 1; i < plan.all.length; i++) expect(plan.all[i] - plan.all[i - 1]).toBe(stepDays);
      expect(plan.train.length).toBeGreaterThanOrEqual(2);
      expect(plan.test.at(-1)).toBe(plan.all.at(-1)); // the test window is the latest labelled dates
      expect(Math.max(...plan.train) + horizonDays).toBeLessThanOrEqual(plan.validation[0]);
      expect(Math.max(...plan.validation) + horizonDays).toBeLessThanOrEqual(plan.test[0]);
      expect(plan.validation.length).toBe(plan.test.length);
      expect(plan.test.length).toBeLessThanOrEqual(Math.max(1, Math.round(plan.all.length * 0.15)));
    },
  );

  it("narrows the windows of a short history rather than refusing it, down to one date each", () => {
    const plan = planSnapshots({ first: 0, last: 339, horizonDays: 90, stepDays: 7 });
    expect([plan.train.length, plan.validation.length, plan.test.length]).toEqual([2, 1, 1]);
  });

  it("refuses too short a history, saying how much is needed", () => {
    expect(() => planSnapshots({ first: 0, last: 338, horizonDays: 90, stepDays: 7 })).toThrow(
      /not enough history to train: expected at least 340 days of usage .* found 339/,
    );
  });
});

describe("customerSample", () => {
  it("keeps every customer while the rows fit the budget, and samples to fit it otherwise", () => {
    const cap = 30 * ROWS_PER_BUDGET_SECOND;
    expect(customerSample({ rows: cap, budgetSeconds: 30 })).toBe(1);
    const share = customerSample({ rows: 3.3 * cap, budgetSeconds: 30 });
    expect(share).toBe(0.3);
    expect(share * 3.3 * cap).toBeLessThanOrEqual(cap);
    expect(customerSample({ rows: 1e9, budgetSeconds: 1 })).toBe(0.01);
  });
});
