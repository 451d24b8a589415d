import type { SqlClient } from "../sql-client.ts";
import { toCustomerState, type CustomerState } from "./customer-state.ts";
import { asBoolean, asDateOrNull, placeholders } from "./outreach-row-values.ts";
import { FollowUpStatus, OPEN_TICKET_STATUSES } from "../../outreach-statuses.ts";
import { RiskRunStatus } from "./risk-runs.ts";

/** The ticket, its customer and the customer's outreach state, as the outreach rules read them. */
export interface TicketFacts {
  ticket: {
    id: number;
    externalId: string;
    customerId: number;
    subject: string | null;
    status: string;
    closedAt: Date | null;
    reopenedCount: number;
    /** Who raised the ticket, as the helpdesk named them. */
    requesterName: string | null;
  };
  customer: {
    id: number;
    externalId: string;
    name: string | null;
    email: string | null;
    timezone: string;
    churnDate: Date | null;
    ownerEmail: string | null;
    /** The person follow-ups greet, when the data names one. */
    contactName: string | null;
    /** Monthly recurring revenue (a play may hold follow-ups above an amount for review). */
    mrr: number;
  };
  state: CustomerState | null;
  /** The name of the user who owns the account (the override, else the imported owner); null when the owner is no user. */
  ownerName: string | null;
}

/** The latest complete risk run and the customer's score in it (null fields when not scored). */
export interface LatestRisk {
  runId: number;
  modelVersion: string;
  /** The run's at-risk rule, as JSON. */
  rule: string;
  atRisk: boolean;
  score: number | null;
  drivers: string | null;
}

export async function loadTicketFacts(sql: SqlClient, ticketId: number): Promise<TicketFacts | null> {
  const [row] = await sql.all<Record<string, unknown>>(
    `SELECT t.id AS ticket_id, t.external_id AS ticket_external_id, t.subject, t.status, t.closed_at, t.reopened_count,
       t.requester_name, c.contact_name, c.mrr,
       c.id AS cid, c.external_id AS customer_external_id, c.name, c.email, c.timezone, c.churn_date, c.owner_email AS customer_owner,
       s.customer_id, s.snoozed_until, s.unsubscribed_at, s.bounced_at, s.owner_email, s.last_contacted_at, s.updated_at,
       u.name AS owner_name
     FROM tickets t JOIN customers c ON c.id = t.customer_id LEFT JOIN customer_state s ON s.customer_id = c.id
       LEFT JOIN users u ON u.email = COALESCE(s.owner_email, c.owner_email) AND u.disabled_at IS NULL
     WHERE t.id = ?`,
    [ticketId],
  );
  if (!row) return null;
  return {
    ticket: {
      id: Number(row.ticket_id),
      externalId: String(row.ticket_external_id),
      customerId: Number(row.cid),
      subject: (row.subject as string | null) ?? null,
      status: String(row.status),
      closedAt: asDateOrNull(row.closed_at),
      reopenedCount: Number(row.reopened_count),
      requesterName: (row.requester_name as string | null) ?? null,
    },
    customer: {
      id: Number(row.cid),
      externalId: String(row.customer_external_id),
      name: (row.name as string | null) ?? null,
      email: (row.email as string | null) ?? null,
      timezone: String(row.timezone),
      churnDate: asDateOrNull(row.churn_date),
      ownerEmail: (row.customer_owner as string | null) ?? null,
      contactName: (row.contact_name as string | null) ?? null,
      mrr: Number(row.mrr ?? 0),
    },
    state: row.customer_id === null || row.customer_id === undefined ? null : toCustomerState(row),
    ownerName: (row.owner_name as string | null) ?? null,
  };
}

/** The latest complete risk run (by as-of date) and the customer's row in it; null without any run. */
export async function loadLatestRisk(sql: SqlClient, customerId: number): Promise<LatestRisk | null> {
  const [row] = await sql.all<Record<string, unknown>>(
    `SELECT r.id, r.model_version, r.rule, s.customer_id, s.at_risk, s.probability, s.drivers
     FROM risk_runs r LEFT JOIN risk_scores s ON s.run_id = r.id AND s.customer_id = ?
     WHERE r.status = ? ORDER BY r.as_of DESC, r.id DESC LIMIT 1`,
    [customerId, RiskRunStatus.Complete],
  );
  if (!row) return null;
  const scored = row.customer_id !== null && row.customer_id !== undefined;
  return {
    runId: Number(row.id),
    modelVersion: String(row.model_version),
    rule: String(row.rule),
    atRisk: scored && asBoolean(row.at_risk),
    score: scored ? Number(row.probability) : null,
    drivers: scored ? String(row.drivers) : null,
  };
}

/** Tickets of the customer other than `ticketId` that are open (open or pending, not closed). */
export async function countOtherOpenTickets(
  sql: SqlClient,
  options: { customerId: number; ticketId: number },
): Promise<number> {
  const [row] = await sql.all<{ n: number }>(
    `SELECT COUNT(*) AS n FROM tickets WHERE customer_id = ? AND id <> ? AND closed_at IS NULL AND ` +
      `status IN ${placeholders(OPEN_TICKET_STATUSES.length)}`,
    [options.customerId, options.ticketId, ...OPEN_TICKET_STATUSES],
  );
  return Number(row.n);
}

/**
 * Whether another follow-up of the customer (any play) occupies the frequency cap around
 * `at`: scheduled, held out or sent, with its send (or planned send) less than `capMs` away.
 * Held-out follow-ups count, so both arms see the same cap.
 */
export async function hasCapConflict(
  sql: SqlClient,
  options: { customerId: number; excludeFollowUpId?: number; at: Date; capMs: number },
): Promise<boolean> {
  return (await findCapConflict(sql, options)) !== null;
}

/** The send (or planned send) of the follow-up that occupies the cap around `at` (the nearest); null when none. */
export async function findCapConflict(
  sql: SqlClient,
  options: { customerId: number; excludeFollowUpId?: number; at: Date; capMs: number },
): Promise<Date | null> {
  const { customerId, excludeFollowUpId = -1, at, capMs } = options;
  if (capMs <= 0) return null;
  const occupying = [FollowUpStatus.Scheduled, FollowUpStatus.HeldOut, FollowUpStatus.Sent];
  const rows = await sql.all<{ at: unknown }>(
    `SELECT COALESCE(window_start, planned_at) AS at FROM outreach_follow_ups
     WHERE customer_id = ? AND id <> ? AND status IN ${placeholders(occupying.length)}
       AND COALESCE(window_start, planned_at) > ? AND COALESCE(window_start, planned_at) < ?
     ORDER BY COALESCE(window_start, planned_at) DESC LIMIT 1`,
    [customerId, excludeFollowUpId, ...occupying, new Date(at.getTime() - capMs), new Date(at.getTime() + capMs)],
  );
  return rows.length ? asDateOrNull(rows[0].at) : null;
}

/**
 * Serialises outreach decisions for one customer until the transaction ends: a row lock on
 * PostgreSQL; on SQLite the write transaction (BEGIN IMMEDIATE) already excludes other writers.
 */
export async function lockCustomer(sql: SqlClient, customerId: number): Promise<void> {
  if (sql.dialect === "postgres") await sql.all("SELECT id FROM customers WHERE id = ? FOR UPDATE", [customerId]);
}

/** Whether an agent with this external id exists. */
export async function agentExists(sql: SqlClient, externalId: string): Promise<boolean> {
  return (await sql.all("SELECT 1 AS hit FROM agents WHERE external_id = ?", [externalId])).length > 0;
}

/** A customer's name and external id by internal id. */
export async function loadCustomerName(
  sql: SqlClient,
  customerId: number,
): Promise<{ externalId: string; name: string | null } | null> {
  const [row] = await sql.all<{ external_id: string; name: string | null }>(
    "SELECT external_id, name FROM customers WHERE id = ?",
    [customerId],
  );
  return row ? { externalId: row.external_id, name: row.name } : null;
}

/**
 * A ticket to preview a follow-up on: the given ticket; else the customer's latest closed
 * ticket (or latest ticket); else the latest closed ticket of a customer at risk in the latest run.
 */
export async function findPreviewTicketId(
  sql: SqlClient,
  options: { ticketExternalId?: string; customerExternalId?: string },
): Promise<number | null> {
  const { ticketExternalId, customerExternalId } = options;
  let rows: { id: number }[];
  if (ticketExternalId) rows = await sql.all("SELECT id FROM tickets WHERE external_id = ?", [ticketExternalId]);
  else if (customerExternalId) {
    rows = await sql.all(
      `SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE c.external_id = ?
       ORDER BY CASE WHEN t.closed_at IS NULL THEN 1 ELSE 0 END, t.closed_at DESC, t.created_at DESC LIMIT 1`,
      [customerExternalId],
    );
  } else {
    rows = await sql.all(
      `SELECT t.id FROM tickets t
       JOIN risk_scores s ON s.customer_id = t.customer_id AND s.at_risk = ?
       WHERE s.run_id = (SELECT id FROM risk_runs WHERE status = ? ORDER BY as_of DESC, id DESC LIMIT 1) AND t.closed_at IS NOT NULL
       ORDER BY t.closed_at DESC LIMIT 1`,
      [true, RiskRunStatus.Complete],
    );
  }
  return rows.length ? Number(rows[0].id) : null;
}

/** Internal id of a customer by external id. */
export async function findCustomerId(sql: SqlClient, externalId: string): Promise<number | null> {
  const [row] = await sql.all<{ id: number }>("SELECT id FROM customers WHERE external_id = ?", [externalId]);
  return row ? Number(row.id) : null;
}
