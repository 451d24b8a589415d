import { words } from "./driver-words.ts";

/** Short labels of the account, ticket and survey columns (their meanings are in feature-columns.ts). */
const FIXED: Readonly<Record<string, string>> = {
  plan: "Plan",
  segment: "Segment",
  billing_cycle: "Billing cycle",
  mrr: "MRR",
  tenure_days: "Days since signup",
  new_customer: "New customer (< 90 days)",
  days_to_renewal: "Days to renewal",
  renewal_in_horizon: "Renewal within the horizon",
  renewals_in_horizon: "Renewals within the horizon",
  tickets_30d: "Tickets, last 30 days",
  tickets_90d: "Tickets, last 90 days",
  ticket_rate_vs_baseline: "Ticket rate vs own average",
  urgent_high_share_90d: "Urgent or high tickets, share (90 d)",
  days_since_last_ticket: "Days since last ticket",
  open_tickets: "Open tickets",
  oldest_open_ticket_days: "Oldest open ticket (days)",
  tickets_open_over_5d: "Tickets open over 5 days",
  cancel_request_open: "Open cancel request",
  first_response_vs_median_60d: "First response vs median (60 d)",
  resolution_vs_median_60d: "Resolution time vs median (60 d)",
  slow_resolutions_60d: "Slow resolutions (60 d)",
  reopen_share_60d: "Reopened tickets, share (60 d)",
  csat_last: "Last CSAT",
  csat_mean: "Mean CSAT",
  csat_last_vs_mean: "Last CSAT vs own mean",
  csat_low_share: "Low CSAT answers (1–2), share",
  csat_responses: "CSAT answers",
  nps_last: "Last NPS",
  nps_category: "NPS category",
  ces_last: "Last CES",
  ces_mean: "Mean CES",
  ces_trend: "CES trend",
  days_since_survey: "Days since last survey",
  failed_payment_30d: "Failed payment (30 d)",
};

/** Labels of one usage metric's columns by suffix (metricFeatures in feature-columns.ts), longest suffixes first. */
const METRIC_SUFFIXES: readonly [string, (m: string) => string][] = [
  ["_active_share_30d", (m) => `${m}: share of active days (30 d)`],
  ["_weeks_since_peak", (m) => `${m}: weeks since peak week`],
  ["_days_inactive", (m) => `${m}: days since last active`],
  ["_vs_prev30", (m) => `${m}: last 30 d vs the 30 before`],
  ["_slope_12w", (m) => `${m}: 12-week trend`],
  ["_vs_180d", (m) => `${m}: last 30 d vs own 180-d average`],
  ["_prev30d", (m) => `${m}, days 31–60 before`],
  ["_vs_90d", (m) => `${m}: last 30 d vs own 90-d average`],
  ["_of_peak", (m) => `${m}: last 4 weeks vs peak week`],
  ["_14d", (m) => `${m}, last 14 days`],
  ["_30d", (m) => `${m}, last 30 days`],
  ["_90d", (m) => `${m}, last 90 days`],
  ["_7d", (m) => `${m}, last 7 days`],
];

/**
 * A short label for a feature column of Retain's feature frame, for charts and tables where the raw
 * column name would be all a reader gets ("logins_vs_prev30" → "logins: last 30 d vs the 30 before").
 * A name that is not one of Retain's columns (a CSV-trained model's) is returned as it is.
 */
export function featureLabel(name: string): string {
  const fixed = FIXED[name];
  if (fixed) return fixed;
  for (const [suffix, label] of METRIC_SUFFIXES)
    if (name.endsWith(suffix) && name.length > suffix.length) {
      const metric = words(name.slice(0, -suffix.length));
      return label(metric.charAt(0).toUpperCase() + metric.slice(1));
    }
  return name;
}
