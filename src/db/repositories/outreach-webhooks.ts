import type { SqlClient } from "../sql-client.ts";
import { asDate, asDateOrNull } from "./outreach-row-values.ts";

/** A closed ticket whose customer could not be matched, kept until a retry matches it. */
export interface UnmatchedTicket {
  id: number;
  eventId: string | null;
  source: string;
  ticketExternalId: string;
  customerRef: string | null;
  requesterEmail: string | null;
  reason: string;
  /** The ticket as received, as JSON. */
  payload: string;
  receivedAt: Date;
  resolvedAt: Date | null;
}

/** Whether a webhook event id was processed before. */
export async function hasWebhookEvent(sql: SqlClient, eventId: string): Promise<boolean> {
  return (await sql.all("SELECT 1 AS hit FROM outreach_webhook_events WHERE event_id = ?", [eventId])).length > 0;
}

/** Remembers a processed event id; false when it was already there (a concurrent duplicate delivery). */
export async function recordWebhookEvent(
  sql: SqlClient,
  options: { eventId: string; ticketExternalId: string | null; outcome: string; now: Date },
): Promise<boolean> {
  const inserted = await sql.run(
    "INSERT INTO outreach_webhook_events (event_id, ticket_external_id, outcome, received_at) VALUES " +
      "(?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
    [options.eventId, options.ticketExternalId, options.outcome, options.now],
  );
  return inserted === 1;
}

export async function insertUnmatched(sql: SqlClient, u: Omit<UnmatchedTicket, "id" | "resolvedAt">): Promise<number> {
  const [row] = await sql.all<{ id: number }>(
    `INSERT INTO outreach_unmatched (event_id, source, ticket_external_id, customer_ref, requester_email, reason, payload, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [u.eventId, u.source, u.ticketExternalId, u.customerRef, u.requesterEmail, u.reason, u.payload, u.receivedAt],
  );
  return Number(row.id);
}

/** Unmatched tickets, newest first; resolved ones only when asked. */
export async function listUnmatched(
  sql: SqlClient,
  options: { includeResolved?: boolean; limit: number },
): Promise<UnmatchedTicket[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT * FROM outreach_unmatched ${options.includeResolved ? "" : "WHERE resolved_at IS NULL"} ORDER BY id DESC LIMIT ?`,
    [options.limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    eventId: (r.event_id as string | null) ?? null,
    source: String(r.source),
    ticketExternalId: String(r.ticket_external_id),
    customerRef: (r.customer_ref as string | null) ?? null,
    requesterEmail: (r.requester_email as string | null) ?? null,
    reason: String(r.reason),
    payload: String(r.payload),
    receivedAt: asDate(r.received_at),
    resolvedAt: asDateOrNull(r.resolved_at),
  }));
}

export async function resolveUnmatched(sql: SqlClient, options: { id: number; now: Date }): Promise<boolean> {
  return (
    (await sql.run("UPDATE outreach_unmatched SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL", [
      options.now,
      options.id,
    ])) === 1
  );
}
