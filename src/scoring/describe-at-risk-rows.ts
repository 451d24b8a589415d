import { loadListContext, type AtRiskRow, type Database, type LastTicket } from "../db/index.ts";
import { readDrivers, type Driver } from "../features/index.ts";
import { nextRenewal } from "./next-renewal.ts";

/** One customer of the at-risk list. */
export interface AtRiskItem {
  customerId: string;
  name: string | null;
  plan: string | null;
  segment: string | null;
  owner: string | null;
  probability: number;
  band: string;
  atRisk: boolean;
  mrr: number;
  /** probability × MRR. */
  mrrAtRisk: number;
  /** Top 3 reasons. */
  drivers: Driver[];
  previous: number | null;
  /** probability − previous; null when not scored in the previous run. */
  delta: number | null;
  /** Since the previous run: new (newly at risk), up / down (≥ 5 points), same. */
  change: string;
  openTickets: number;
  lastTicket: LastTicket | null;
  lastCsat: { score: number; respondedAt: Date } | null;
  lastContactedAt: Date | null;
  /** The next renewal (YYYY-MM-DD, UTC) from the signup date and the plan's cycle; null when the cycle is unknown. */
  renewalDate: string | null;
  /** Whole days from today (UTC) to renewalDate: 0 = renews today. */
  daysToRenewal: number | null;
  /** The snooze's end while the customer is snoozed, else null. */
  snoozedUntil: Date | null;
  /** The reason given with the snooze while the customer is snoozed (null when none was given or not snoozed). */
  snoozeReason: string | null;
}

/** Adds each row's last ticket, last CSAT, open tickets, parsed drivers and next renewal (as of `now`). */
export async function describeRows(db: Database, rows: AtRiskRow[], now = new Date()): Promise<AtRiskItem[]> {
  const context = await loadListContext(
    db.sql,
    rows.map((r) => r.customerId),
  );
  return rows.map((r) => {
    const snoozed = r.snoozedUntil !== null && r.snoozedUntil > now;
    const renewal = nextRenewal({ signupMs: r.signupDate.getTime(), plan: r.plan }, now);
    return {
      customerId: r.externalId,
      name: r.name,
      plan: r.plan,
      segment: r.segment,
      owner: r.owner,
      probability: r.probability,
      band: r.band,
      atRisk: r.atRisk,
      mrr: r.mrr,
      mrrAtRisk: r.probability * r.mrr,
      drivers: readDrivers(r.drivers, `of customer ${r.externalId}`).slice(0, 3),
      previous: r.previous,
      delta: r.previous === null ? null : r.probability - r.previous,
      change: r.change,
      openTickets: context.openTickets.get(r.customerId) ?? 0,
      lastTicket: context.lastTickets.get(r.customerId) ?? null,
      lastCsat: context.lastCsat.get(r.customerId) ?? null,
      lastContactedAt: r.lastContactedAt,
      renewalDate: renewal?.date ?? null,
      daysToRenewal: renewal?.days ?? null,
      snoozedUntil: snoozed ? r.snoozedUntil : null,
      snoozeReason: snoozed ? r.snoozeReason : null,
    };
  });
}
