/** The columns of a feature frame, in order. Metric columns repeat for every usage metric. */
export const ID_COLUMNS = ["customer_id", "as_of"] as const;
export const LABEL_COLUMN = "churned";

export const CUSTOMER_FEATURES = ["plan", "segment", "billing_cycle", "mrr", "tenure_days", "days_to_renewal"] as const;

/** Per usage metric m: `${m}_7d`, `${m}_30d`, `${m}_prev30d`, `${m}_trend30`, `${m}_days_inactive`. */
export const METRIC_SUFFIXES = ["7d", "30d", "prev30d", "trend30", "days_inactive"] as const;

export const TICKET_FEATURES = [
  "tickets_30d", "tickets_90d", "open_tickets", "oldest_open_ticket_days",
  "first_response_mean_hours", "first_response_max_hours", "resolution_mean_hours", "resolution_max_hours",
  "reopens_90d", "urgent_high_share_90d",
  "email_share_90d", "chat_share_90d", "phone_share_90d", "social_share_90d", "web_share_90d", "other_share_90d",
  "days_since_last_ticket",
] as const;

export const SURVEY_FEATURES = ["csat_last", "csat_mean", "csat_low_share", "csat_responses", "nps_last", "nps_category", "ces_mean"] as const;

/** Columns holding categories rather than numbers. */
export const CATEGORICAL_FEATURES = new Set<string>(["plan", "segment", "billing_cycle", "nps_category"]);

export function metricColumns(metric: string): string[] {
  return METRIC_SUFFIXES.map((s) => `${metric}_${s}`);
}

/** Every feature column for these usage metrics. */
export function featureColumns(metrics: readonly string[]): string[] {
  return [...CUSTOMER_FEATURES, ...metrics.flatMap(metricColumns), ...TICKET_FEATURES, ...SURVEY_FEATURES];
}

/** NPS 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function npsCategory(score: number | null): string {
  if (score === null) return "none";
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}
