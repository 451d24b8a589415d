import { describe, expect, it } from "vitest";
import { billingCycle, daysToRenewal } from "./renewal.ts";

const d = (s: string) => Date.parse(`${s}T00:00:00Z`);

describe("renewal", () => {
  it.each([
    ["Pro Monthly", "monthly"],
    ["Business Annual", "annual"],
    ["Enterprise (yearly)", "annual"],
    ["Custom", "other"],
    [null, "other"],
  ] as const)("billingCycle(%s) = %s", (plan, cycle) => expect(billingCycle(plan)).toBe(cycle));

  it.each([
    ["2024-01-15", "2024-03-10", "monthly", 5],
    ["2024-01-15", "2024-03-15", "monthly", 0],
    ["2024-01-15", "2024-03-16", "monthly", 30],
    ["2024-01-31", "2024-02-20", "monthly", 9], // renews on Feb 29 (the month's last day)
    ["2023-06-01", "2024-03-01", "annual", 92],
    ["2023-06-01", "2023-06-02", "annual", 365],
    ["2023-06-01", "2023-06-20", "other", null],
  ] as const)("signup %s, as of %s, %s → %s days", (signup, asOf, cycle, days) => {
    expect(daysToRenewal(d(signup), d(asOf), cycle)).toBe(days);
  });
});
