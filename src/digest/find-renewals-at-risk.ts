import type { OwnerSection } from "../db/repositories/digest-owners.ts";
import type { DigestScoreRow } from "../db/repositories/digest-risk-sections.ts";
import { billingCycle, daysToRenewal } from "../features/index.ts";

/** Renewals "at risk" fall within this many days of the digest's day. */
export const RENEWAL_WINDOW_DAYS = 30;

/**
 * Each owner's at-risk customers whose next renewal (src/features' rule: the signup anniversary of the plan's cycle)
 * is within RENEWAL_WINDOW_DAYS of `dayStartMs`, the soonest first (then the riskiest), `limit` per owner.
 * Customers whose plan has no known cycle have no renewal date and are left out.
 */
export function findRenewalsAtRisk(
  rows: readonly (DigestScoreRow & { signupDate: Date; plan: string | null })[],
  options: { dayStartMs: number; limit: number },
): Map<number, OwnerSection<DigestScoreRow & { daysToRenewal: number }>> {
  const due = new Map<number, (DigestScoreRow & { daysToRenewal: number })[]>();
  for (const r of rows) {
    const days = daysToRenewal(r.signupDate.getTime(), options.dayStartMs, billingCycle(r.plan));
    if (days === null || days > RENEWAL_WINDOW_DAYS) continue;
    const { signupDate: _signup, plan: _plan, ...score } = r;
    const list = due.get(r.userId) ?? [];
    list.push({ ...score, daysToRenewal: days });
    due.set(r.userId, list);
  }
  const sections = new Map<number, OwnerSection<DigestScoreRow & { daysToRenewal: number }>>();
  for (const [userId, list] of due) {
    list.sort((a, b) => a.daysToRenewal - b.daysToRenewal || b.probability - a.probability);
    sections.set(userId, { rows: list.slice(0, options.limit), total: list.length });
  }
  return sections;
}
