import { METRIC_SUFFIXES } from "./feature-columns.ts";
import type { FeatureValue } from "./build-feature-frame.ts";

/** A risk driver in words a customer-success manager understands. */
export interface DriverText {
  feature: string;
  text: string;
}

const num = (v: FeatureValue) => (typeof v === "number" ? v : Number(v));
const round = (v: number, digits = 0) => Number(v.toFixed(digits)).toLocaleString("en");
const pct = (v: number) => `${Math.round(Math.abs(v) * 100)}%`;
const plural = (n: number, word: string) => `${round(n)} ${word}${Math.round(n) === 1 ? "" : "s"}`;
const duration = (hours: number) => (hours < 48 ? `${round(hours, 1)} h` : `${round(hours / 24, 1)} days`);
const label = (metric: string) => metric.replace(/_/g, " ");

function describeMetric(metric: string, suffix: string, row: Record<string, FeatureValue>): string {
  const v = num(row[`${metric}_${suffix}`]);
  const name = label(metric);
  switch (suffix) {
    case "trend30":
      if (num(row[`${metric}_prev30d`]) === 0) return `no ${name} in the previous 30 days`;
      return v < 0 ? `${name} down ${pct(v)} vs the previous 30 days` : `${name} up ${pct(v)} vs the previous 30 days`;
    case "days_inactive":
      return v > 90 ? `no ${name} in over 90 days` : v <= 1 ? `${name} active yesterday` : `no ${name} for ${plural(v, "day")}`;
    case "7d":
      return `${round(v)} ${name} in the last 7 days`;
    case "30d":
      return `${round(v)} ${name} in the last 30 days`;
    default:
      return `${round(v)} ${name} in the 30 days before that`;
  }
}

const FIXED: Record<string, (v: FeatureValue, row: Record<string, FeatureValue>) => string> = {
  plan: (v) => `on the ${v} plan`,
  segment: (v) => `${v} segment`,
  billing_cycle: (v) => (v === "other" ? "no monthly or annual plan" : `pays ${v === "annual" ? "annually" : "monthly"}`),
  mrr: (v) => `MRR ${round(num(v))}`,
  tenure_days: (v) => `customer for ${plural(num(v), "day")}`,
  days_to_renewal: (v) => (v === null ? "no renewal date" : `renewal in ${plural(num(v), "day")}`),
  tickets_30d: (v) => `${plural(num(v), "ticket")} in 30 days`,
  tickets_90d: (v) => `${plural(num(v), "ticket")} in 90 days`,
  open_tickets: (v, row) => (num(v) === 0 ? "no open tickets" : `${plural(num(v), "open ticket")}, oldest ${plural(num(row.oldest_open_ticket_days), "day")}`),
  oldest_open_ticket_days: (v) => (num(v) === 0 ? "no open tickets" : `a ticket open for ${plural(num(v), "day")}`),
  first_response_mean_hours: (v) => (v === null ? "no first responses yet" : `first responses took ${duration(num(v))} on average`),
  first_response_max_hours: (v) => (v === null ? "no first responses yet" : `a first response took ${duration(num(v))}`),
  resolution_mean_hours: (v) => (v === null ? "no resolved tickets in 90 days" : `tickets took ${duration(num(v))} to resolve on average`),
  resolution_max_hours: (v) => (v === null ? "no resolved tickets in 90 days" : `a ticket took ${duration(num(v))} to resolve`),
  reopens_90d: (v) => `${plural(num(v), "reopened ticket")} in 90 days`,
  urgent_high_share_90d: (v) => `${pct(num(v))} of tickets urgent or high priority`,
  days_since_last_ticket: (v) => (num(v) > 365 ? "no ticket in a year" : `last ticket ${plural(num(v), "day")} ago`),
  csat_last: (v) => (v === null ? "no CSAT answer yet" : `last CSAT ${round(num(v))}/5`),
  csat_mean: (v) => (v === null ? "no CSAT answer yet" : `average CSAT ${round(num(v), 1)}/5`),
  csat_low_share: (v) => (v === null ? "no CSAT answer yet" : `${pct(num(v))} of CSAT answers 1–2 out of 5`),
  csat_responses: (v) => `${plural(num(v), "CSAT answer")} in a year`,
  nps_last: (v, row) => (v === null ? "no NPS answer yet" : `last NPS ${round(num(v))} (${row.nps_category})`),
  nps_category: (v) => (v === "none" ? "no NPS answer yet" : `NPS ${v}`),
  ces_mean: (v) => (v === null ? "no effort score yet" : `effort score ${round(num(v), 1)}/7 (7 = easy)`),
};

/** The words for one feature of one customer's feature row. */
export function describeDriver(feature: string, row: Record<string, FeatureValue>): DriverText {
  const fixed = FIXED[feature];
  if (fixed) return { feature, text: fixed(row[feature] ?? null, row) };
  const channel = /^(email|chat|phone|social|web|other)_share_90d$/.exec(feature);
  if (channel) return { feature, text: `${pct(num(row[feature]))} of tickets by ${channel[1]}` };
  const suffix = METRIC_SUFFIXES.find((s) => feature.endsWith(`_${s}`));
  if (suffix) return { feature, text: describeMetric(feature.slice(0, -suffix.length - 1), suffix, row) };
  return { feature, text: `${feature.replace(/_/g, " ")} ${row[feature]}` };
}
