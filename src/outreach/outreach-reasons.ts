/**
 * Why a follow-up was suppressed (when decided), cancelled (just before sending), deferred
 * or failed. Stored in the decision log and on the follow-up.
 */
export const OutreachReason = {
  Unsubscribed: "unsubscribed",
  Bounced: "bounced",
  Churned: "churned",
  NoEmail: "no_email",
  NotAtRisk: "not_at_risk",
  TicketReopened: "ticket_reopened",
  OtherTicketOpen: "other_ticket_open",
  Snoozed: "snoozed",
  FrequencyCap: "frequency_cap",
  Expired: "expired",
  SmtpTransient: "smtp_transient",
  SmtpPermanent: "smtp_permanent",
  SmtpBounce: "smtp_bounce",
  RetriesExhausted: "retries_exhausted",
  PlayMissing: "play_missing",
  /** A reviewer chose not to send it (their reason in the detail). */
  ReviewSkipped: "review_skipped",
  /** Held for review, and nobody reviewed it within the review window. */
  ReviewExpired: "review_expired",
} as const;
export type OutreachReason = (typeof OutreachReason)[keyof typeof OutreachReason];

/** Each reason as a short label for lists, filters and charts (the log's sentences say more: describe-decision.ts). */
export const REASON_LABELS: Record<OutreachReason, string> = {
  unsubscribed: "unsubscribed",
  bounced: "address bounced before",
  churned: "churned",
  no_email: "no usable email",
  not_at_risk: "no longer at risk",
  ticket_reopened: "ticket reopened",
  other_ticket_open: "another ticket open",
  snoozed: "snoozed",
  frequency_cap: "emailed recently (frequency cap)",
  expired: "too late to send",
  smtp_transient: "mail server busy",
  smtp_permanent: "mail server refused",
  smtp_bounce: "recipient refused",
  retries_exhausted: "gave up after retries",
  play_missing: "play removed",
  review_skipped: "skipped in review",
  review_expired: "nobody reviewed it",
};

/** A stored reason as its label; one Retain does not know (an older version's) as it is, underscores as spaces. */
export function reasonLabel(reason: string): string {
  return REASON_LABELS[reason as OutreachReason] ?? reason.replace(/_/g, " ");
}
