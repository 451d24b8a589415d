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
