import { CLOSED_TICKET_STATUSES } from "../outreach-statuses.ts";
import { isPlainAddress } from "../mail/index.ts";
import { OutreachReason } from "./outreach-reasons.ts";

/** When the rules are checked: when a follow-up is decided, or just before it is sent (or withheld, for the holdout). */
export const RulePhase = { Schedule: "schedule", Send: "send" } as const;
export type RulePhase = (typeof RulePhase)[keyof typeof RulePhase];

/** Everything the rules look at, loaded fresh from the database for each check. */
export interface RuleFacts {
  phase: RulePhase;
  now: Date;
  plannedAt: Date;
  email: string | null;
  churnDate: Date | null;
  state: {
    snoozedUntil: Date | null;
    unsubscribedAt: Date | null;
    bouncedAt: Date | null;
    lastContactedAt: Date | null;
  } | null;
  /** At risk in the latest complete risk run. */
  atRisk: boolean;
  ticket: { closedAt: Date | null; status: string; reopenedCount: number };
  /** The ticket's reopened_count when the follow-up was decided (send phase). */
  reopenedCountWhenDecided?: number;
  /** Other open tickets of the customer (send phase). */
  otherOpenTickets: number;
  /** Another follow-up occupies the frequency cap around the send time. */
  capConflict: boolean;
  /** When that follow-up went (or is planned), for the log's words. */
  capConflictAt?: Date | null;
  capMs: number;
  /** Send phase: a message this much past its planned time is not sent any more. */
  expireMs: number;
}

export interface BlockingRule {
  reason: OutreachReason;
  detail: string;
}

const iso = (d: Date) => d.toISOString();

/**
 * The first rule that stops a follow-up, or null when it may go. Checked in this order:
 * consent (unsubscribed, bounced), churned, no usable email, no longer at risk, ticket
 * reopened, another ticket open (send phase), snoozed, frequency cap, expired (send phase).
 */
export function findBlockingRule(f: RuleFacts): BlockingRule | null {
  const send = f.phase === RulePhase.Send;
  const at = send ? f.now : f.plannedAt;
  if (f.state?.unsubscribedAt)
    return { reason: OutreachReason.Unsubscribed, detail: `unsubscribed at ${iso(f.state.unsubscribedAt)}` };
  if (f.state?.bouncedAt)
    return { reason: OutreachReason.Bounced, detail: `address bounced at ${iso(f.state.bouncedAt)}` };
  if (f.churnDate) return { reason: OutreachReason.Churned, detail: `churn_date ${iso(f.churnDate).slice(0, 10)}` };
  if (!isPlainAddress(f.email))
    return {
      reason: OutreachReason.NoEmail,
      detail: f.email ? `unusable address ${JSON.stringify(f.email)}` : "customer has no email",
    };
  if (!f.atRisk) return { reason: OutreachReason.NotAtRisk, detail: "not at risk in the latest complete risk run" };
  const reopened = reopenedDetail(f);
  if (reopened) return { reason: OutreachReason.TicketReopened, detail: reopened };
  if (send && f.otherOpenTickets > 0)
    return { reason: OutreachReason.OtherTicketOpen, detail: `${f.otherOpenTickets} other ticket(s) open` };
  if (f.state?.snoozedUntil && f.state.snoozedUntil > at)
    return { reason: OutreachReason.Snoozed, detail: `snoozed until ${iso(f.state.snoozedUntil)}` };
  if (f.capConflict) {
    const when = f.capConflictAt ? ` at ${iso(f.capConflictAt)}` : "";
    return {
      reason: OutreachReason.FrequencyCap,
      detail: `another follow-up${when} within ${f.capMs / 86_400_000} days`,
    };
  }
  const contacted = f.state?.lastContactedAt;
  if (contacted && f.capMs > 0 && contacted.getTime() > at.getTime() - f.capMs) {
    return {
      reason: OutreachReason.FrequencyCap,
      detail: `contacted at ${iso(contacted)}, within ${f.capMs / 86_400_000} days`,
    };
  }
  if (send && f.now.getTime() - f.plannedAt.getTime() > f.expireMs) {
    return {
      reason: OutreachReason.Expired,
      detail: `planned for ${iso(f.plannedAt)}, not sent within ${f.expireMs / 3_600_000} h`,
    };
  }
  return null;
}

function reopenedDetail(f: RuleFacts): string | null {
  const t = f.ticket;
  if (!t.closedAt) return "closed_at cleared";
  if (!(CLOSED_TICKET_STATUSES as readonly string[]).includes(t.status)) return `status is ${t.status}`;
  if (f.reopenedCountWhenDecided !== undefined && t.reopenedCount > f.reopenedCountWhenDecided) {
    return `reopened_count grew from ${f.reopenedCountWhenDecided} to ${t.reopenedCount}`;
  }
  return null;
}
