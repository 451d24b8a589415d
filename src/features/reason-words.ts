import { NEW_CUSTOMER_DAYS, npsCategory, PAYMENT_FAILURE_DAYS } from "./feature-columns.ts";
import {
  count,
  daysAgo,
  inDays,
  numberAt,
  oneDecimal,
  percent,
  plural,
  shownRatio,
  times,
  type DriverRow,
} from "./driver-words.ts";

/**
 * Thresholds below which a value is not shown as a risk: tickets open under 5 days are work in
 * progress; a tenth slower or busier is within ordinary spread; a CSAT of 4–5 or an effort
 * score above 5 of 7 is a content customer; a survey answer within half a year is recent.
 */
export const REASON_THRESHOLDS = {
  openTicketDays: 5,
  minSlowdown: 1.2,
  minTicketRate: 1.5,
  lowCsat: 2,
  minCsatDrop: 0.5,
  minCsatLowShare: 0.2,
  lowCes: 3,
  minCesDrop: 1,
  maxDaysSinceSurvey: 180,
} as const;

/** What a reason may need beyond the row. */
export interface ReasonOptions {
  /** Days after the as-of date the model predicts churn over. */
  horizonDays: number;
}

/** The words for one driver group, or null when the customer's values show no risk in its terms. */
export type ReasonWords = (row: DriverRow, options: ReasonOptions) => string | null;

const T = REASON_THRESHOLDS;

const renewal: ReasonWords = (row, { horizonDays }) => {
  const days = numberAt(row, "days_to_renewal");
  if (days === null || days < 0) return null;
  // The flag is the catalogue's own test; the horizon only stands in when the flag is absent.
  const flag = numberAt(row, "renewal_in_horizon");
  const inHorizon = flag === null ? days <= horizonDays : flag === 1;
  return inHorizon ? `renews ${inDays(days)}` : null;
};

const tenure: ReasonWords = (row) => {
  const days = numberAt(row, "tenure_days");
  const flag = numberAt(row, "new_customer");
  const isNew = flag !== null ? flag === 1 : days !== null && days < NEW_CUSTOMER_DAYS;
  if (!isNew) return null;
  return days === null
    ? `new customer (signed up in the last ${NEW_CUSTOMER_DAYS} days)`
    : `new customer (signed up ${daysAgo(days)})`;
};

const openTickets: ReasonWords = (row) => {
  const over = numberAt(row, "tickets_open_over_5d");
  const oldest = numberAt(row, "oldest_open_ticket_days");
  // Whole days elapsed, so "more than 5 days" never shows an age of 5.
  const age = oldest === null ? null : Math.floor(oldest);
  const old = age !== null && age > T.openTicketDays;
  if (over === null || Math.round(over) < 1)
    return over === null && old ? `a ticket open for ${plural(age, "day")}` : null;
  if (Math.round(over) === 1)
    return old ? `1 ticket open for ${plural(age, "day")}` : `1 ticket open for more than ${T.openTicketDays} days`;
  return `${plural(over, "ticket")} open for more than ${T.openTicketDays} days${old ? `, oldest ${plural(age, "day")}` : ""}`;
};

const cancelRequest: ReasonWords = (row) =>
  numberAt(row, "cancel_request_open") === 1 ? "an open ticket asks to cancel" : null;

const supportSpeed: ReasonWords = (row) => {
  const firstResponse = numberAt(row, "first_response_vs_median_60d");
  const resolution = numberAt(row, "resolution_vs_median_60d");
  const slow = numberAt(row, "slow_resolutions_60d");
  const responseSlow = firstResponse !== null && shownRatio(firstResponse) >= T.minSlowdown;
  // Half of all tickets are slower than their median, so slow ones count only when the mean is slow too.
  const resolutionSlow =
    slow !== null && Math.round(slow) >= 1 && (resolution === null || shownRatio(resolution) >= T.minSlowdown);
  const slowText = () => `${plural(slow ?? 0, "ticket")} resolved slower than usual for their channel`;
  if (responseSlow && resolutionSlow)
    return (resolution ?? 0) > firstResponse ? slowText() : `first responses ${times(firstResponse)} slower than usual`;
  if (responseSlow) return `first responses ${times(firstResponse)} slower than usual`;
  return resolutionSlow ? slowText() : null;
};

const reopens: ReasonWords = (row) => {
  const share = numberAt(row, "reopen_share_60d");
  return share !== null && share > 0 ? `${percent(share)} of recently closed tickets were reopened` : null;
};

const ticketVolume: ReasonWords = (row) => {
  const rate = numberAt(row, "ticket_rate_vs_baseline");
  if (rate === null || shownRatio(rate) < T.minTicketRate) return null;
  const recent = numberAt(row, "tickets_30d");
  // The rate is over 60 days; with none in the last 30 a 30-day count would read as calm.
  return recent !== null && Math.round(recent) >= 1
    ? `${plural(recent, "ticket")} in 30 days, ${times(rate)} their usual rate`
    : `tickets at ${times(rate)} their usual rate over 60 days`;
};

const csat: ReasonWords = (row) => {
  const last = numberAt(row, "csat_last");
  const mean = numberAt(row, "csat_mean");
  const dropped = last !== null && mean !== null && last <= T.lowCsat + 1 && mean - last >= T.minCsatDrop;
  if (last !== null && (last <= T.lowCsat || dropped)) {
    return `last CSAT ${count(last)}/5${mean === null ? "" : `, their average is ${oneDecimal(mean)}`}`;
  }
  const low = numberAt(row, "csat_low_share");
  if (low === null || low < T.minCsatLowShare) return null;
  const answers = numberAt(row, "csat_responses");
  const of = answers !== null && answers >= 1 ? ` (${count(low * answers)} of ${count(answers)})` : "";
  return `${percent(low)} of CSAT answers 1–2${of}`;
};

const nps: ReasonWords = (row) => {
  const last = numberAt(row, "nps_last");
  if (last !== null) return npsCategory(last) === "detractor" ? `last NPS ${count(last)} (detractor)` : null;
  return row.nps_category === "detractor" ? "last NPS answer a detractor" : null;
};

const ces: ReasonWords = (row) => {
  const last = numberAt(row, "ces_last");
  const mean = numberAt(row, "ces_mean");
  const trend = numberAt(row, "ces_trend");
  if (last === null)
    return mean !== null && mean <= T.lowCes ? `effort score ${oneDecimal(mean)}/7 on average (7 = easy)` : null;
  // "Down from" compares with the earlier answers; the overall mean stands in without a trend.
  const earlier = trend !== null ? last - trend : mean;
  const fell = earlier !== null && earlier - last >= T.minCesDrop;
  if (last > T.lowCes && !(fell && last <= 5)) return null;
  return earlier !== null && oneDecimal(earlier) !== count(last) && earlier > last
    ? `last effort score ${count(last)}/7, down from ${oneDecimal(earlier)} on average`
    : `last effort score ${count(last)}/7 (7 = easy)`;
};

const surveyRecency: ReasonWords = (row) => {
  // Null means no answer in the year read; an absent column says nothing.
  if (row.days_since_survey === null) return "no survey answer in the last year";
  const days = numberAt(row, "days_since_survey");
  return days !== null && days > T.maxDaysSinceSurvey ? `no survey answer for ${plural(days, "day")}` : null;
};

const failedPayment: ReasonWords = (row) =>
  numberAt(row, "failed_payment_30d") === 1 ? `a payment failed in the last ${PAYMENT_FAILURE_DAYS} days` : null;

/** Reason words per catalogue driver group (usage groups are described per metric elsewhere). */
export const REASON_WORDS: Readonly<Record<string, ReasonWords>> = {
  renewal,
  tenure,
  open_tickets: openTickets,
  cancel_request: cancelRequest,
  support_speed: supportSpeed,
  reopens,
  ticket_volume: ticketVolume,
  csat,
  nps,
  ces,
  survey_recency: surveyRecency,
  failed_payment: failedPayment,
};
