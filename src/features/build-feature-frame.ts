import type { Database } from "../db/index.ts";
import {
  customersAt, lastDataDay, listMetricNames, surveyAggregates, ticketAggregates, usageAggregates, USAGE_LOOKBACK_DAYS, HISTORY_LOOKBACK_DAYS,
  type SurveyAggregateRow, type TicketAggregateRow, type UsageAggregateRow,
} from "../db/repositories/feature-aggregates.ts";
import { dayToIsoDate } from "../db/index.ts";
import { featureColumns, ID_COLUMNS, LABEL_COLUMN, metricColumns, npsCategory } from "./feature-columns.ts";
import { billingCycle, daysToRenewal } from "./renewal.ts";

const MS_PER_DAY = 86_400_000;

export type FeatureValue = number | string | null;

/** One customer at one as-of date: identity, features, and the label when it is known. */
export interface FeatureRow {
  customerId: number;
  externalId: string;
  asOfDay: number;
  /** 1 churned within the horizon after T, 0 stayed through it, null not known yet. */
  label: 0 | 1 | null;
  mrr: number;
  values: Record<string, FeatureValue>;
}

export interface FeatureFrame {
  asOfDay: number;
  horizonDays: number;
  metrics: string[];
  columns: string[];
  rows: FeatureRow[];
}

const toMs = (v: Date | string) => (v instanceof Date ? v.getTime() : Date.parse(v));
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function usageValues(metric: string, agg: UsageAggregateRow | undefined, asOfDay: number): FeatureValue[] {
  if (!agg) return [0, 0, 0, 0, USAGE_LOOKBACK_DAYS + 1];
  const trend = (agg.v30 - agg.prev30) / Math.max(agg.prev30, 1);
  const inactive = agg.last_day === null ? USAGE_LOOKBACK_DAYS + 1 : asOfDay - agg.last_day;
  return [agg.v7, agg.v30, agg.prev30, trend, inactive];
}

function ticketValues(t: TicketAggregateRow | undefined): Record<string, FeatureValue> {
  const n90 = t?.tickets_90d ?? 0;
  const share = (count: number | undefined) => (n90 > 0 ? (count ?? 0) / n90 : 0);
  return {
    tickets_30d: t?.tickets_30d ?? 0,
    tickets_90d: n90,
    open_tickets: t?.open_tickets ?? 0,
    oldest_open_ticket_days: t?.oldest_open_hours != null ? t.oldest_open_hours / 24 : 0,
    first_response_mean_hours: t?.frt_mean_hours ?? null,
    first_response_max_hours: t?.frt_max_hours ?? null,
    resolution_mean_hours: t?.resolution_mean_hours ?? null,
    resolution_max_hours: t?.resolution_max_hours ?? null,
    reopens_90d: t?.reopens_90d ?? 0,
    urgent_high_share_90d: share(t?.urgent_high_90d),
    email_share_90d: share(t?.email_90d),
    chat_share_90d: share(t?.chat_90d),
    phone_share_90d: share(t?.phone_90d),
    social_share_90d: share(t?.social_90d),
    web_share_90d: share(t?.web_90d),
    other_share_90d: share(t?.other_90d),
    days_since_last_ticket: t ? t.hours_since_last_ticket / 24 : HISTORY_LOOKBACK_DAYS + 1,
  };
}

function surveyValues(s: SurveyAggregateRow | undefined): Record<string, FeatureValue> {
  const count = s?.csat_count ?? 0;
  return {
    csat_last: s?.csat_last ?? null,
    csat_mean: s?.csat_mean ?? null,
    csat_low_share: count > 0 ? ratio(s!.csat_low, count) : null,
    csat_responses: count,
    nps_last: s?.nps_last ?? null,
    nps_category: npsCategory(s?.nps_last ?? null),
    ces_mean: s?.ces_mean ?? null,
  };
}

/**
 * The feature frame at as-of day T: one row per customer who is a customer at T, with
 * features from data dated before T only (aggregated in the database), and the label
 * "churned within `horizonDays` after T" where `dataEndDay` shows the horizon has passed.
 */
export async function buildFeatureFrame(options: {
  db: Database;
  asOfDay: number;
  horizonDays?: number;
  /** The last day data is known for (default: the last usage day); later labels are null. */
  dataEndDay?: number | null;
}): Promise<FeatureFrame> {
  const { db, asOfDay, horizonDays = 90 } = options;
  const [metrics, customers, usage, tickets, surveys] = await Promise.all([
    listMetricNames(db),
    customersAt(db, asOfDay),
    usageAggregates(db, asOfDay),
    ticketAggregates(db, asOfDay),
    surveyAggregates(db, asOfDay),
  ]);
  const usageBy = new Map<string, UsageAggregateRow>(usage.map((u) => [`${u.customer_id}:${u.metric}`, u]));
  const ticketsBy = new Map(tickets.map((t) => [t.customer_id, t]));
  const surveysBy = new Map(surveys.map((s) => [s.customer_id, s]));
  const dataEndDay = options.dataEndDay !== undefined ? options.dataEndDay : await lastDataDay(db);
  const asOfMs = asOfDay * MS_PER_DAY;
  const rows = customers.map((c): FeatureRow => {
    const signupMs = toMs(c.signup_date);
    const churnDay = c.churn_date === null ? null : Math.floor(toMs(c.churn_date) / MS_PER_DAY);
    const cycle = billingCycle(c.plan);
    const values: Record<string, FeatureValue> = {
      plan: c.plan ?? "unknown",
      segment: c.segment ?? "unknown",
      billing_cycle: cycle,
      mrr: c.mrr,
      tenure_days: Math.floor((asOfMs - signupMs) / MS_PER_DAY),
      days_to_renewal: daysToRenewal(signupMs, asOfMs, cycle),
    };
    for (const m of metrics) {
      const columns = metricColumns(m);
      usageValues(m, usageBy.get(`${c.id}:${m}`), asOfDay).forEach((v, i) => (values[columns[i]] = v));
    }
    Object.assign(values, ticketValues(ticketsBy.get(c.id)), surveyValues(surveysBy.get(c.id)));
    let label: 0 | 1 | null = null;
    if (churnDay !== null && churnDay <= asOfDay + horizonDays) label = 1;
    else if (dataEndDay !== null && asOfDay + horizonDays <= dataEndDay) label = 0;
    return { customerId: c.id, externalId: c.external_id, asOfDay, label, mrr: c.mrr, values };
  });
  return { asOfDay, horizonDays, metrics, columns: [...ID_COLUMNS, ...featureColumns(metrics), LABEL_COLUMN], rows };
}

/** A frame row as a flat record (ids, features, label), e.g. for CSV or a data frame. */
export function flattenFeatureRow(row: FeatureRow): Record<string, FeatureValue> {
  return { customer_id: row.externalId, as_of: dayToIsoDate(row.asOfDay), ...row.values, churned: row.label };
}
