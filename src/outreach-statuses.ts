/**
 * The status values of the outreach tables, in one place (stored as these strings). Outreach
 * owns them (other folders read them from outreach/index.ts); they sit in this leaf module so
 * that db/, which stores and filters by them, imports nothing of outreach/.
 * A follow-up is `scheduled` (treatment, email to come) or `held_out` (holdout, no email),
 * unless `suppressed` when decided; then `sent`, `failed` or `cancelled`.
 */
export const FollowUpStatus = {
  Scheduled: "scheduled",
  HeldOut: "held_out",
  Suppressed: "suppressed",
  Sent: "sent",
  Failed: "failed",
  Cancelled: "cancelled",
} as const;
export type FollowUpStatus = (typeof FollowUpStatus)[keyof typeof FollowUpStatus];

/**
 * What the decision log records: the follow-up statuses plus `deferred` (a retry after a transient SMTP error) and
 * `held_for_review` (a scheduled follow-up waits for its owner's review: send now, edited or not, or skip).
 */
export const DecisionStatus = { ...FollowUpStatus, Deferred: "deferred", HeldForReview: "held_for_review" } as const;
export type DecisionStatus = (typeof DecisionStatus)[keyof typeof DecisionStatus];

/** Each decision status as a short label for filters and lists. */
export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  scheduled: "scheduled",
  held_out: "held out (control group)",
  suppressed: "suppressed when decided",
  sent: "sent",
  failed: "failed",
  cancelled: "cancelled before sending",
  deferred: "delayed (retried later)",
  held_for_review: "held for review",
};

/** The random group a customer falls in for a play. */
export const Arm = { Treatment: "treatment", Holdout: "holdout" } as const;
export type Arm = (typeof Arm)[keyof typeof Arm];

export const OutboxStatus = { Pending: "pending", Sent: "sent", Failed: "failed", Cancelled: "cancelled" } as const;
export type OutboxStatus = (typeof OutboxStatus)[keyof typeof OutboxStatus];

/** Where a ticket change came from. */
export const TriggerSource = { Ingest: "ingest", Webhook: "webhook", Import: "import", Scan: "scan" } as const;
export type TriggerSource = (typeof TriggerSource)[keyof typeof TriggerSource];

/** What processing a trigger did; only `decided` creates follow-ups (and decision-log rows). */
export const TriggerResult = {
  Decided: "decided",
  Duplicate: "duplicate",
  UnknownTicket: "unknown_ticket",
  NotClosed: "not_closed",
  Stale: "stale",
  NoRiskRun: "no_risk_run",
  NotAtRisk: "not_at_risk",
} as const;
export type TriggerResult = (typeof TriggerResult)[keyof typeof TriggerResult];

/** Whether the customer stayed to the end of the retention window. */
export const Outcome = { Stayed: "stayed", Churned: "churned" } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** Ticket statuses that count as done; anything else on a followed-up ticket means it reopened. */
export const CLOSED_TICKET_STATUSES = ["closed", "solved"] as const;
/** Ticket statuses that count as open (waiting on the support team or the customer). */
export const OPEN_TICKET_STATUSES = ["open", "pending"] as const;
