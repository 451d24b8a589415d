import type { SqlClient } from "../sql-client.ts";
import { asBoolean, asDate, asDateOrNull } from "./outreach-row-values.ts";
import { RiskRunStatus } from "./risk-runs.ts";

/** A customer as imported (owner_email is the imported owner; customer_state may override it). */
export interface CustomerRecord {
  id: number;
  externalId: string;
  name: string | null;
  email: string | null;
  plan: string | null;
  mrr: number;
  signupDate: Date;
  churnDate: Date | null;
  segment: string | null;
  timezone: string;
  ownerEmail: string | null;
}

const CUSTOMER_SELECT =
  "SELECT id, external_id, name, email, plan, mrr, signup_date, churn_date, segment, timezone, owner_email FROM customers";

function toCustomerRecord(r: Record<string, unknown>): CustomerRecord {
  return {
    id: Number(r.id),
    externalId: String(r.external_id),
    name: (r.name as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    plan: (r.plan as string | null) ?? null,
    mrr: Number(r.mrr),
    signupDate: asDate(r.signup_date),
    churnDate: asDateOrNull(r.churn_date),
    segment: (r.segment as string | null) ?? null,
    timezone: String(r.timezone),
    ownerEmail: (r.owner_email as string | null) ?? null,
  };
}

/** The customer with this external id (the id of the business's own systems), or null. */
export async function findCustomer(sql: SqlClient, externalId: string): Promise<CustomerRecord | null> {
  const [r] = await sql.all<Record<string, unknown>>(`${CUSTOMER_SELECT} WHERE external_id = ?`, [externalId]);
  return r ? toCustomerRecord(r) : null;
}

/** The customers with these external ids, by external id (unknown ids are absent), read 500 at a time. */
export async function findCustomers(sql: SqlClient, externalIds: string[]): Promise<Map<string, CustomerRecord>> {
  const found = new Map<string, CustomerRecord>();
  for (let i = 0; i < externalIds.length; i += 500) {
    const ids = externalIds.slice(i, i + 500);
    const rows = await sql.all<Record<string, unknown>>(
      `${CUSTOMER_SELECT} WHERE external_id IN (${ids.map(() => "?").join(", ")})`,
      ids,
    );
    for (const r of rows) found.set(String(r.external_id), toCustomerRecord(r));
  }
  return found;
}

export interface RiskHistoryPoint {
  runId: number;
  asOf: Date;
  modelVersion: string;
  probability: number;
  band: string;
  atRisk: boolean;
  previous: number | null;
  change: string;
  /** The drivers as saved (read them with readDrivers, src/features). */
  drivers: string;
  /** The run's at-risk rule as saved (JSON: { kind, value }). */
  rule: string;
}

/** The customer's score in each complete run, oldest first (the latest `limit` runs). */
export async function listRiskHistory(
  sql: SqlClient,
  options: { customerId: number; limit?: number },
): Promise<RiskHistoryPoint[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT r.id, r.as_of, r.model_version, r.rule, s.probability, s.band, s.at_risk, s.previous, s.change, s.drivers
     FROM risk_scores s JOIN risk_runs r ON r.id = s.run_id WHERE s.customer_id = ? AND r.status = ? ORDER BY r.as_of DESC LIMIT ?`,
    [options.customerId, RiskRunStatus.Complete, options.limit ?? 120],
  );
  return rows.reverse().map((r) => ({
    runId: Number(r.id),
    asOf: asDate(r.as_of),
    modelVersion: String(r.model_version),
    probability: Number(r.probability),
    band: String(r.band),
    atRisk: asBoolean(r.at_risk),
    previous: r.previous === null ? null : Number(r.previous),
    change: String(r.change),
    drivers: String(r.drivers),
    rule: String(r.rule),
  }));
}

/** The lowest probability flagged at risk in a run (its effective cutoff whatever the rule); null when none. */
export async function findAtRiskCutoff(sql: SqlClient, runId: number): Promise<number | null> {
  const [r] = await sql.all<{ cutoff: number | null }>(
    "SELECT MIN(probability) AS cutoff FROM risk_scores WHERE run_id = ? AND at_risk = ?",
    [runId, true],
  );
  return r?.cutoff === null || r?.cutoff === undefined ? null : Number(r.cutoff);
}

export interface CustomerTicket {
  externalId: string;
  createdAt: Date;
  subject: string | null;
  channel: string;
  priority: string;
  category: string | null;
  status: string;
  agentName: string | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopenedCount: number;
}

/** The customer's tickets, newest first. */
export async function listCustomerTickets(
  sql: SqlClient,
  options: { customerId: number; limit?: number },
): Promise<CustomerTicket[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT t.external_id, t.created_at, t.subject, t.channel, t.priority, t.category, t.status, a.name AS
      agent_name, a.external_id AS agent_id,
       t.first_response_at, t.resolved_at, t.closed_at, t.reopened_count
     FROM tickets t LEFT JOIN agents a ON a.id = t.agent_id WHERE t.customer_id = ? ORDER BY t.created_at DESC, t.id DESC LIMIT ?`,
    [options.customerId, options.limit ?? 100],
  );
  return rows.map((r) => ({
    externalId: String(r.external_id),
    createdAt: asDate(r.created_at),
    subject: (r.subject as string | null) ?? null,
    channel: String(r.channel),
    priority: String(r.priority),
    category: (r.category as string | null) ?? null,
    status: String(r.status),
    agentName: (r.agent_name as string | null) ?? (r.agent_id as string | null) ?? null,
    firstResponseAt: asDateOrNull(r.first_response_at),
    resolvedAt: asDateOrNull(r.resolved_at),
    closedAt: asDateOrNull(r.closed_at),
    reopenedCount: Number(r.reopened_count),
  }));
}

export interface CustomerSurvey {
  externalId: string;
  kind: string;
  score: number;
  respondedAt: Date;
  ticketId: string | null;
  comment: string | null;
}

/** The customer's survey answers (CSAT, NPS, CES), newest first. */
export async function listCustomerSurveys(
  sql: SqlClient,
  options: { customerId: number; limit?: number },
): Promise<CustomerSurvey[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT v.external_id, v.kind, v.score, v.responded_at, t.external_id AS ticket_id, v.comment
     FROM surveys v LEFT JOIN tickets t ON t.id = v.ticket_id WHERE v.customer_id = ? ORDER BY v.responded_at DESC, v.id DESC LIMIT ?`,
    [options.customerId, options.limit ?? 100],
  );
  return rows.map((r) => ({
    externalId: String(r.external_id),
    kind: String(r.kind),
    score: Number(r.score),
    respondedAt: asDate(r.responded_at),
    ticketId: (r.ticket_id as string | null) ?? null,
    comment: (r.comment as string | null) ?? null,
  }));
}

/** Daily usage values of a customer in [fromDay, toDay) (day numbers), by metric name; missing days are absent. */
export async function listCustomerUsage(
  sql: SqlClient,
  options: { customerId: number; fromDay: number; toDay: number },
): Promise<{ metric: string; day: number; value: number }[]> {
  const rows = await sql.all<{ metric: string; day: number; value: number }>(
    `SELECT m.name AS metric, u.day, u.value FROM usage u JOIN metrics m ON m.id = u.metric_id
     WHERE u.customer_id = ? AND u.day >= ? AND u.day < ? ORDER BY m.name, u.day`,
    [options.customerId, options.fromDay, options.toDay],
  );
  return rows.map((r) => ({ metric: String(r.metric), day: Number(r.day), value: Number(r.value) }));
}

/** The names of every usage metric (so a customer with no usage still shows a flat line per metric). */
export async function listMetricNames(sql: SqlClient): Promise<string[]> {
  const rows = await sql.all<{ name: string }>("SELECT name FROM metrics ORDER BY name");
  return rows.map((r) => String(r.name));
}
