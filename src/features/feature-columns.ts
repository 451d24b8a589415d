/**
 * The feature catalogue: every column of a feature frame with its meaning, window, the
 * driver group a CSM knows it by, whether it can be a reason or is context only, and the
 * direction of its effect where the meaning fixes it (the trees are constrained to it).
 */
export const ID_COLUMNS = ["customer_id", "as_of"] as const;
export const LABEL_COLUMN = "churned";

/** +1: a higher value can only raise risk; −1: can only lower it; 0: either way. */
export type Direction = -1 | 0 | 1;

/** Reasons may be shown as drivers; context (MRR, plan, answer counts) explains nothing on its own. */
export const FeatureRole = { Reason: "reason", Context: "context" } as const;
export type FeatureRole = (typeof FeatureRole)[keyof typeof FeatureRole];

export interface FeatureDoc {
  name: string;
  meaning: string;
  /** The data the value is read from, relative to the as-of date T (always before T). */
  window: string;
  /** The driver group: contributions of a group's features are summed into one driver. */
  group: string;
  role: FeatureRole;
  direction: Direction;
  categorical?: boolean;
}

/** Days of usage read before T: the longest usage window (180-day baseline, 26-week peak). */
export const USAGE_LOOKBACK_DAYS = 180;
/** Days of tickets and surveys read before T. */
export const HISTORY_LOOKBACK_DAYS = 365;
/** Customers younger than this at T are new customers. */
export const NEW_CUSTOMER_DAYS = 90;

const R = FeatureRole.Reason;
const C = FeatureRole.Context;
const doc = (
  name: string,
  meaning: string,
  window: string,
  group: string,
  role: FeatureRole,
  direction: Direction,
  categorical?: boolean,
): FeatureDoc =>
  categorical
    ? { name, meaning, window, group, role, direction, categorical }
    : { name, meaning, window, group, role, direction };

export const ACCOUNT_FEATURES: readonly FeatureDoc[] = [
  doc("plan", "plan name", "current", "plan", C, 0, true),
  doc("segment", "segment", "current", "segment", C, 0, true),
  doc("billing_cycle", "monthly, annual or other (from the plan name)", "current", "plan", C, 0, true),
  doc("mrr", "monthly recurring revenue", "current", "mrr", C, 0),
  doc("tenure_days", "days since signup", "signup → T", "tenure", R, 0),
  doc("new_customer", "1 when the customer signed up less than 90 days before T", "90 days", "tenure", R, 0),
  doc(
    "days_to_renewal",
    "days to the next monthly or annual renewal (missing when the cycle is unknown)",
    "T → next renewal",
    "renewal",
    R,
    0,
  ),
  doc(
    "renewal_in_horizon",
    "1 when a renewal falls inside the label horizon (missing when the cycle is unknown)",
    "T → T + horizon",
    "renewal",
    R,
    0,
  ),
  doc(
    "renewals_in_horizon",
    "number of renewals inside the label horizon (missing when the cycle is unknown)",
    "T → T + horizon",
    "renewal",
    R,
    0,
  ),
];

/**
 * The columns of one usage metric m, all from daily values before T (a missing day counts as 0). "Observed"
 * days are those since signup and since the data's first usage day: a day before the data is unknown, so a
 * baseline over it would read every customer as "up" in the data's first months (the ticket rate's days
 * likewise start at signup and at the data's first ticket).
 */
export function metricFeatures(m: string): FeatureDoc[] {
  const g = `usage:${m}`;
  return [
    doc(`${m}_7d`, `sum of ${m}`, "last 7 days", g, R, -1),
    doc(`${m}_14d`, `sum of ${m}`, "last 14 days", g, R, -1),
    doc(`${m}_30d`, `sum of ${m}`, "last 30 days", g, R, -1),
    doc(`${m}_90d`, `sum of ${m}`, "last 90 days", g, R, -1),
    doc(`${m}_prev30d`, `sum of ${m} in the 30 days before the last 30`, "days 31–60 before T", g, R, 0),
    doc(`${m}_vs_prev30`, `last 30 days ÷ the 30 before (missing when those were 0)`, "last 60 days", g, R, -1),
    doc(
      `${m}_vs_90d`,
      `last 30 days ÷ the customer's own 30-day average over 90 days (observed days only: since signup and in the data; missing when 0)`,
      "last 90 days",
      g,
      R,
      -1,
    ),
    doc(
      `${m}_vs_180d`,
      `last 30 days ÷ the customer's own 30-day average over 180 days (observed days only: since signup and in the data; missing when 0)`,
      "last 180 days",
      g,
      R,
      -1,
    ),
    doc(
      `${m}_of_peak`,
      `mean weekly ${m} over the last 4 weeks ÷ the customer's highest week (a utilisation proxy; missing when no activity)`,
      "last 26 weeks",
      g,
      R,
      -1,
    ),
    doc(
      `${m}_weeks_since_peak`,
      `weeks since the customer's highest week (missing when no activity)`,
      "last 26 weeks",
      g,
      R,
      1,
    ),
    doc(`${m}_active_share_30d`, `share of days with ${m} > 0 (observed days only)`, "last 30 days", g, R, -1),
    doc(
      `${m}_slope_12w`,
      `least-squares slope of the weekly sums ÷ their mean (per week; weeks in the data only; missing when all 0)`,
      "last 12 weeks",
      g,
      R,
      -1,
    ),
    doc(`${m}_days_inactive`, `days since the last day with ${m} > 0 (181 when none)`, "last 180 days", g, R, 1),
  ];
}

export const TICKET_FEATURES: readonly FeatureDoc[] = [
  doc("tickets_30d", "tickets created", "last 30 days", "ticket_volume", R, 0),
  doc("tickets_90d", "tickets created", "last 90 days", "ticket_volume", R, 0),
  doc(
    "ticket_rate_vs_baseline",
    "tickets in the last 60 days ÷ their own 60-day average over 365 days (observed days only; missing when none)",
    "last 365 days",
    "ticket_volume",
    R,
    0,
  ),
  doc(
    "urgent_high_share_90d",
    "share of tickets urgent or high priority (missing when none)",
    "last 90 days",
    "ticket_volume",
    R,
    0,
  ),
  doc(
    "days_since_last_ticket",
    "days since the last ticket was created (missing when none)",
    "last 365 days",
    "ticket_volume",
    R,
    0,
  ),
  doc(
    "open_tickets",
    "tickets open at T (created before T, not resolved or closed before T)",
    "last 365 days",
    "open_tickets",
    R,
    1,
  ),
  doc(
    "oldest_open_ticket_days",
    "age of the oldest ticket open at T (missing when none)",
    "last 365 days",
    "open_tickets",
    R,
    1,
  ),
  doc("tickets_open_over_5d", "tickets open at T for more than 5 days", "last 365 days", "open_tickets", R, 1),
  doc(
    "cancel_request_open",
    "1 when a ticket open at T asks to cancel (subject or category mentions cancel, terminate, refund, downgrade, not renewing…)",
    "open at T",
    "cancel_request",
    R,
    1,
  ),
  doc(
    "first_response_vs_median_60d",
    "mean of first-response time ÷ the median for the same channel and category (medians over 365 days; missing when none)",
    "responses in the last 60 days",
    "support_speed",
    R,
    1,
  ),
  doc(
    "resolution_vs_median_60d",
    "mean of resolution time ÷ the median for the same channel and category (medians over 365 days; missing when none)",
    "resolutions in the last 60 days",
    "support_speed",
    R,
    1,
  ),
  doc(
    "slow_resolutions_60d",
    "tickets resolved slower than the median for their channel and category",
    "resolutions in the last 60 days",
    "support_speed",
    R,
    1,
  ),
  doc(
    "reopen_share_60d",
    "share of tickets closed in the window that were reopened (missing when none closed)",
    "closings in the last 60 days",
    "reopens",
    R,
    1,
  ),
];

export const SURVEY_FEATURES: readonly FeatureDoc[] = [
  doc("csat_last", "last CSAT answer (1–5)", "last 365 days", "csat", R, -1),
  doc("csat_mean", "mean CSAT", "last 365 days", "csat", R, -1),
  doc(
    "csat_last_vs_mean",
    "last CSAT − the mean of the customer's earlier answers (missing with fewer than 2)",
    "last 365 days",
    "csat",
    R,
    -1,
  ),
  doc("csat_low_share", "share of CSAT answers 1–2", "last 365 days", "csat", R, 1),
  doc("csat_responses", "number of CSAT answers", "last 365 days", "csat", C, 0),
  doc("nps_last", "last NPS answer (0–10)", "last 365 days", "nps", R, -1),
  doc("nps_category", "promoter (9–10), passive (7–8), detractor (0–6) or none", "last 365 days", "nps", C, 0, true),
  doc("ces_last", "last CES answer (1–7, higher = easier)", "last 365 days", "ces", R, -1),
  doc("ces_mean", "mean CES", "last 365 days", "ces", R, -1),
  doc(
    "ces_trend",
    "last CES − the mean of the customer's earlier answers (missing with fewer than 2)",
    "last 365 days",
    "ces",
    R,
    -1,
  ),
  doc(
    "days_since_survey",
    "days since the last survey answer of any kind (missing when none)",
    "last 365 days",
    "survey_recency",
    R,
    0,
  ),
];

/** Days before T a failed payment counts for. */
export const PAYMENT_FAILURE_DAYS = 30;

/** From the billing system's events (Stripe webhook). Last in the frame, so older columns keep their places. */
export const BILLING_FEATURES: readonly FeatureDoc[] = [
  doc(
    "failed_payment_30d",
    "1 when an invoice payment failed in the 30 days before T (Stripe invoice.payment_failed), else 0",
    "last 30 days",
    "failed_payment",
    R,
    1,
  ),
];

/** Every feature of a frame for these usage metrics, in column order. */
export function featureCatalogue(metrics: readonly string[]): FeatureDoc[] {
  return [
    ...ACCOUNT_FEATURES,
    ...metrics.flatMap(metricFeatures),
    ...TICKET_FEATURES,
    ...SURVEY_FEATURES,
    ...BILLING_FEATURES,
  ];
}

/** Every feature column for these usage metrics. */
export function featureColumns(metrics: readonly string[]): string[] {
  return featureCatalogue(metrics).map((f) => f.name);
}

/** Columns holding categories rather than numbers. */
export const CATEGORICAL_FEATURES = new Set<string>(
  featureCatalogue([])
    .filter((f) => f.categorical)
    .map((f) => f.name),
);

/** NPS 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function npsCategory(score: number | null): string {
  if (score === null) return "none";
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

/** Words in a ticket's subject or category that signal a request to cancel. */
export const CANCEL_PATTERN = new RegExp(
  String.raw`\b(cancel|cancell?ation|cancelling|terminat(e|ion)|refund|downgrad(e|ing)|not renew|non-renewal|` +
    "close (my|our) account|switch(ing)? to)",
  "i",
);
