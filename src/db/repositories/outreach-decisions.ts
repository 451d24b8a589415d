import type { SqlClient, SqlValue } from "../sql-client.ts";
import { asDate, asDateOrNull } from "./outreach-row-values.ts";
import type { DecisionStatus } from "../../outreach-statuses.ts";

/** The risk evidence a decision was made on: the run, its model and rule, the customer's score and drivers. */
export interface DecisionEvidence {
  runId: number | null;
  modelVersion: string | null;
  score: number | null;
  /** The drivers as saved (written by writeDrivers, read by readDrivers: src/features). */
  drivers: string | null;
  /** JSON at-risk rule. */
  rule: string | null;
}

export interface NewDecision {
  followUp: {
    id: number;
    customerId: number;
    ticketId: number;
    play: string;
    arm: string;
    template: string;
    plannedAt: Date;
  };
  status: DecisionStatus;
  reason?: string | null;
  detail?: string | null;
  evidence: DecisionEvidence;
  at: Date;
}

/** One entry of the decision log, with the customer's and ticket's ids as the business knows them. */
export interface DecisionLogEntry extends DecisionEvidence {
  id: number;
  followUpId: number;
  customerId: string;
  customerName: string | null;
  ticketId: string;
  play: string;
  arm: string;
  status: string;
  reason: string | null;
  detail: string | null;
  template: string;
  plannedAt: Date;
  /** When the follow-up's email really went (null: not sent). */
  sentAt: Date | null;
  /** Whether the email's copy as sent is kept (sent since copies are kept). */
  hasSentCopy: boolean;
  at: Date;
}

export interface DecisionFilters {
  status?: string;
  reason?: string;
  play?: string;
  arm?: string;
  /** Customer external id. */
  customer?: string;
  /** Ticket external id. */
  ticket?: string;
  from?: Date;
  to?: Date;
  /** Keyset pagination: entries with an id below this. */
  before?: number;
  limit: number;
}

/** Appends a decision to the log. */
export async function insertDecision(sql: SqlClient, d: NewDecision): Promise<void> {
  const f = d.followUp;
  await sql.run(
    `INSERT INTO outreach_decisions (follow_up_id, customer_id, ticket_id, play, arm, status, reason, detail,
      run_id, model_version, score, drivers, rule, template, planned_at, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      f.id,
      f.customerId,
      f.ticketId,
      f.play,
      f.arm,
      d.status,
      d.reason ?? null,
      d.detail ?? null,
      d.evidence.runId,
      d.evidence.modelVersion,
      d.evidence.score,
      d.evidence.drivers,
      d.evidence.rule,
      f.template,
      f.plannedAt,
      d.at,
    ],
  );
}

/** The decision log, newest first, filtered; pass the last id as `before` for the next page. */
export async function listDecisions(sql: SqlClient, filters: DecisionFilters): Promise<DecisionLogEntry[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  add("d.status = ?", filters.status);
  add("d.reason = ?", filters.reason);
  add("d.play = ?", filters.play);
  add("d.arm = ?", filters.arm);
  add("c.external_id = ?", filters.customer);
  add("t.external_id = ?", filters.ticket);
  add("d.at >= ?", filters.from);
  add("d.at < ?", filters.to);
  add("d.id < ?", filters.before);
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT d.*, c.external_id AS customer_external_id, c.name AS customer_name, t.external_id AS ticket_external_id,
       o.sent_at AS email_sent_at, CASE WHEN o.raw_message IS NULL THEN 0 ELSE 1 END AS has_copy
     FROM outreach_decisions d JOIN customers c ON c.id = d.customer_id JOIN tickets t ON t.id = d.ticket_id
       LEFT JOIN outreach_outbox o ON o.follow_up_id = d.follow_up_id AND o.status = 'sent'
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY d.id DESC LIMIT ?`,
    [...params, filters.limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    followUpId: Number(r.follow_up_id),
    customerId: String(r.customer_external_id),
    customerName: (r.customer_name as string | null) ?? null,
    ticketId: String(r.ticket_external_id),
    play: String(r.play),
    arm: String(r.arm),
    status: String(r.status),
    reason: (r.reason as string | null) ?? null,
    detail: (r.detail as string | null) ?? null,
    runId: r.run_id === null ? null : Number(r.run_id),
    modelVersion: (r.model_version as string | null) ?? null,
    score: r.score === null ? null : Number(r.score),
    drivers: (r.drivers as string | null) ?? null,
    rule: (r.rule as string | null) ?? null,
    template: String(r.template),
    plannedAt: asDate(r.planned_at),
    sentAt: asDateOrNull(r.email_sent_at),
    hasSentCopy: Number(r.has_copy) === 1,
    at: asDate(r.at),
  }));
}
