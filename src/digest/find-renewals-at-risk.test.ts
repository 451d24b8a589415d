import { describe, expect, it } from "vitest";
import { findRenewalsAtRisk, RENEWAL_WINDOW_DAYS } from "./find-renewals-at-risk.ts";

const DAY = Date.UTC(2026, 5, 9); // 2026-06-09
const row = (customerId: number, signup: string, plan: string | null, probability = 0.8, userId = 1) => ({
  userId,
  customerId,
  externalId: `C${customerId}`,
  name: null,
  mrr: 100,
  probability,
  signupDate: new Date(`${signup}T00:00:00Z`),
  plan,
});

describe("findRenewalsAtRisk", () => {
  it(`keeps renewals from today to ${RENEWAL_WINDOW_DAYS} days out, the soonest first, then the riskiest`, () => {
    const sections = findRenewalsAtRisk(
      [
        row(1, "2025-06-09", "Business Annual"), // today: 0 days
        row(2, "2025-07-09", "Business Annual"), // 30 days: in
        row(3, "2025-07-10", "Business Annual"), // 31 days: out
        row(4, "2026-01-15", "Pro Monthly", 0.6), // 6 days
        row(5, "2026-02-15", "Pro Monthly", 0.9), // 6 days, riskier
        row(6, "2026-01-15", "Pro"), // no known cycle
        row(7, "2025-06-20", "Business Annual", 0.7, 2), // another owner: 11 days
      ],
      { dayStartMs: DAY, limit: 10 },
    );
    const ann = sections.get(1)!;
    expect(ann.rows.map((r) => [r.customerId, r.daysToRenewal])).toEqual([
      [1, 0],
      [5, 6],
      [4, 6],
      [2, 30],
    ]);
    expect(ann.total).toBe(4);
    expect(sections.get(2)!.rows.map((r) => r.customerId)).toEqual([7]);
  });

  it("lists `limit` per owner and counts the rest", () => {
    const rows = [1, 2, 3].map((id) => row(id, "2026-01-15", "Pro Monthly"));
    expect(findRenewalsAtRisk(rows, { dayStartMs: DAY, limit: 2 }).get(1)).toMatchObject({ total: 3 });
    expect(findRenewalsAtRisk(rows, { dayStartMs: DAY, limit: 2 }).get(1)!.rows).toHaveLength(2);
  });
});
