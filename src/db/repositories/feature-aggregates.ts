import { AppError, ErrorCode } from "../../errors.ts";
import type { Database } from "../database.ts";
import { sqlDialect } from "../sql-dialect.ts";

/**
 * Point-in-time aggregates for features, one GROUP BY per source table. Every query reads
 * only data dated before the as-of day T (a day number, 00:00 UTC): usage days < T,
 * tickets and surveys by their timestamps < T, never their current status.
 */
const MS_PER_DAY = 86_400_000;
/** Usage older than this before T is not read; days since last activity is capped just past it. */
export const USAGE_LOOKBACK_DAYS = 90;
/** Tickets and surveys older than this before T are not read. */
export const HISTORY_LOOKBACK_DAYS = 365;

function checkDay(asOfDay: number): number {
  if (!Number.isInteger(asOfDay)) throw new AppError(ErrorCode.BadInput, `expected a whole day number for the as-of date, found ${asOfDay}`);
  return asOfDay;
}

export interface CustomerAtRow {
  id: number;
  external_id: string;
  plan: string | null;
  segment: string | null;
  mrr: number;
  signup_date: Date | string;
  churn_date: Date | string | null;
}

/** Customers who are customers at T: signed up before T, not churned on or before T. */
export async function customersAt(db: Database, asOfDay: number): Promise<CustomerAtRow[]> {
  const t = sqlDialect(db.dialect).timestamp(checkDay(asOfDay) * MS_PER_DAY);
  return db.sql.all<CustomerAtRow>(
    `SELECT id, external_id, plan, segment, mrr, signup_date, churn_date FROM customers
     WHERE signup_date < ? AND (churn_date IS NULL OR churn_date > ?) ORDER BY id`,
    [t, t],
  );
}

export interface UsageAggregateRow {
  customer_id: number;
  metric: string;
  v7: number;
  v30: number;
  prev30: number;
  last_day: number | null;
}

/**
 * Per customer and metric: sums over the last 7 and 30 days and the 30 before, and the last
 * active day within the lookback. On SQLite the join order makes each customer's window a
 * primary-key range read with no sort (several times faster than a scan of all usage).
 */
export async function usageAggregates(db: Database, asOfDay: number): Promise<UsageAggregateRow[]> {
  const t = checkDay(asOfDay);
  const from = t - USAGE_LOOKBACK_DAYS;
  const join =
    db.dialect === "sqlite"
      ? "customers c NOT INDEXED CROSS JOIN metrics m CROSS JOIN usage u ON u.customer_id = c.id AND u.metric_id = m.id"
      : "usage u JOIN metrics m ON m.id = u.metric_id";
  return db.sql.all<UsageAggregateRow>(
    `SELECT u.customer_id AS customer_id, m.name AS metric,
       SUM(CASE WHEN u.day >= ${t - 7} THEN u.value ELSE 0 END) AS v7,
       SUM(CASE WHEN u.day >= ${t - 30} THEN u.value ELSE 0 END) AS v30,
       SUM(CASE WHEN u.day >= ${t - 60} AND u.day < ${t - 30} THEN u.value ELSE 0 END) AS prev30,
       MAX(CASE WHEN u.value > 0 THEN u.day END) AS last_day
     FROM ${join}
     WHERE u.day >= ${from} AND u.day < ${t}
     GROUP BY u.customer_id, m.name`,
  );
}

export interface TicketAggregateRow {
  customer_id: number;
  tickets_30d: number;
  tickets_90d: number;
  open_tickets: number;
  oldest_open_hours: number | null;
  frt_mean_hours: number | null;
  frt_max_hours: number | null;
  resolution_mean_hours: number | null;
  resolution_max_hours: number | null;
  reopens_90d: number;
  urgent_high_90d: number;
  email_90d: number;
  chat_90d: number;
  phone_90d: number;
  social_90d: number;
  web_90d: number;
  other_90d: number;
  hours_since_last_ticket: number;
}

/**
 * Per customer, tickets created before T. A ticket is open at T when neither resolved nor
 * closed before T; reopens count only for tickets closed before T (their reopens happened
 * before T); response and resolution times only when they happened before T.
 */
export async function ticketAggregates(db: Database, asOfDay: number): Promise<TicketAggregateRow[]> {
  const d = sqlDialect(db.dialect);
  const day = checkDay(asOfDay);
  const [t, t30, t90, tFrom] = [day, day - 30, day - 90, day - HISTORY_LOOKBACK_DAYS].map((x) => d.timestamp(x * MS_PER_DAY));
  const done = "COALESCE(resolved_at, closed_at)";
  const isOpen = `(${done} IS NULL OR ${done} >= ?)`;
  const recent = "created_at >= ?";
  const count = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  const channel = (c: string) => `${count(`${recent} AND channel = '${c}'`)} AS ${c}_90d`;
  return db.sql.all<TicketAggregateRow>(
    `SELECT customer_id,
       ${count("created_at >= ?")} AS tickets_30d,
       ${count(recent)} AS tickets_90d,
       ${count(isOpen)} AS open_tickets,
       MAX(CASE WHEN ${isOpen} THEN ${d.hoursBetween("created_at", "?")} END) AS oldest_open_hours,
       AVG(CASE WHEN ${recent} AND first_response_at < ? THEN ${d.hoursBetween("created_at", "first_response_at")} END) AS frt_mean_hours,
       MAX(CASE WHEN ${recent} AND first_response_at < ? THEN ${d.hoursBetween("created_at", "first_response_at")} END) AS frt_max_hours,
       AVG(CASE WHEN ${recent} AND ${done} < ? THEN ${d.hoursBetween("created_at", done)} END) AS resolution_mean_hours,
       MAX(CASE WHEN ${recent} AND ${done} < ? THEN ${d.hoursBetween("created_at", done)} END) AS resolution_max_hours,
       SUM(CASE WHEN ${recent} AND closed_at < ? THEN reopened_count ELSE 0 END) AS reopens_90d,
       ${count(`${recent} AND priority IN ('urgent', 'high')`)} AS urgent_high_90d,
       ${["email", "chat", "phone", "social", "web", "other"].map(channel).join(",\n       ")},
       MIN(${d.hoursBetween("created_at", "?")}) AS hours_since_last_ticket
     FROM tickets
     WHERE created_at < ? AND created_at >= ?
     GROUP BY customer_id`,
    [t30, t90, t, t, t, t90, t, t90, t, t90, t, t90, t, t90, t, t90, ...Array(6).fill(t90), t, t, tFrom],
  );
}

export interface SurveyAggregateRow {
  customer_id: number;
  csat_count: number;
  csat_mean: number | null;
  csat_low: number;
  csat_last: number | null;
  nps_last: number | null;
  ces_mean: number | null;
}

/** Per customer, survey answers given before T: CSAT mean, low share and last; last NPS; mean CES. */
export async function surveyAggregates(db: Database, asOfDay: number): Promise<SurveyAggregateRow[]> {
  const d = sqlDialect(db.dialect);
  const day = checkDay(asOfDay);
  const [t, tFrom] = [day, day - HISTORY_LOOKBACK_DAYS].map((x) => d.timestamp(x * MS_PER_DAY));
  return db.sql.all<SurveyAggregateRow>(
    `WITH answered AS (
       SELECT customer_id, kind, score,
         ROW_NUMBER() OVER (PARTITION BY customer_id, kind ORDER BY responded_at DESC, id DESC) AS newest
       FROM surveys WHERE responded_at < ? AND responded_at >= ?)
     SELECT customer_id,
       SUM(CASE WHEN kind = 'csat' THEN 1 ELSE 0 END) AS csat_count,
       AVG(CASE WHEN kind = 'csat' THEN score END) AS csat_mean,
       SUM(CASE WHEN kind = 'csat' AND score <= 2 THEN 1 ELSE 0 END) AS csat_low,
       MAX(CASE WHEN kind = 'csat' AND newest = 1 THEN score END) AS csat_last,
       MAX(CASE WHEN kind = 'nps' AND newest = 1 THEN score END) AS nps_last,
       AVG(CASE WHEN kind = 'ces' THEN score END) AS ces_mean
     FROM answered GROUP BY customer_id`,
    [t, tFrom],
  );
}

/** The first and last usage days: the span of history features can be built for. */
export async function usageSpan(db: Database): Promise<{ first: number | null; last: number | null }> {
  const [row] = await db.sql.all<{ first: number | null; last: number | null }>("SELECT MIN(day) AS first, MAX(day) AS last FROM usage");
  return { first: row?.first ?? null, last: row?.last ?? null };
}

/** The last day with usage data, for deciding which labels are known. */
export async function lastDataDay(db: Database): Promise<number | null> {
  return (await usageSpan(db)).last;
}

/** Every usage metric name, sorted: the same metric columns at every as-of date. */
export async function listMetricNames(db: Database): Promise<string[]> {
  const rows = await db.sql.all<{ name: string }>("SELECT name FROM metrics ORDER BY name");
  return rows.map((r) => r.name);
}
