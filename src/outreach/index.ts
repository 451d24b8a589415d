export {
  buildOutreachReport,
  summarizeFollowUps,
  type ArmSummary,
  type OutreachReport,
  type OutreachSummary,
} from "./build-outreach-report.ts";
export { checkSendingSetup, isLoopbackHost } from "./check-sending-setup.ts";
export { createOutreach, type Outreach } from "./create-outreach.ts";
export { proportionDifference, wilsonInterval } from "./difference-interval.ts";
export { formatOutreachReport, formatRunCounts } from "./format-outreach-report.ts";
export { assignArm, holdoutDraw } from "./holdout.ts";
export {
  LOG_FILTERS,
  listOutreachLog,
  listUnmatchedTickets,
  parseLogFilters,
  type LogFilterInput,
  type OutreachLogEntry,
  type UnmatchedTicket,
} from "./list-outreach-log.ts";
export { DEFAULT_PLAYS_DIR, loadPlays, type Play } from "./load-plays.ts";
export { OutreachReason, reasonLabel } from "./outreach-reasons.ts";
export { escapeHtml, PLACEHOLDERS } from "./render-follow-up.ts";
export { outreachSettings, type OutreachSettings } from "./outreach-settings.ts";
export { unmatchedTicketProcessor } from "./process-unmatched-ticket.ts";
export { TICKET_RECORD_FORMAT } from "./unmatched-ticket-formats.ts";
export { describeDecision, peopleTime } from "./describe-decision.ts";
export { findPreviewCustomers } from "./find-preview-customers.ts";
export { readableTicketNumber } from "./greeting.ts";
export { getSentEmail, type SentEmail } from "./get-sent-email.ts";
export { retryUnmatched } from "./retry-unmatched.ts";
export { SEND_NOW_OUTCOMES, type ReviewItem } from "./review-follow-ups.ts";
export { enqueueFollowUps, runOutreach, scanRecentClosings, type OutreachRunCounts } from "./run-outreach.ts";
export { nextSendingTime, zonedTime, type SendingHours } from "./sending-window.ts";
export { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token.ts";
export { ticketClosedPayload } from "./ticket-webhook-payload.ts";
export { signWebhook } from "./webhook-signature.ts";
export { Arm, DECISION_STATUS_LABELS, DecisionStatus, FollowUpStatus, TriggerSource } from "../outreach-statuses.ts";
