import type { SqlClient } from "../sql-client.ts";
import { asDate, asDateOrNull } from "./outreach-row-values.ts";

/** A stored unmatched item (table unmatched_items); candidates and payload are JSON text. */
export interface UnmatchedItemRow {
  id: number;
  kind: string;
  source: string;
  eventId: string | null;
  externalId: string;
  customerRef: string | null;
  requesterEmail: string | null;
  requesterName: string | null;
  subject: string | null;
  reason: string;
  candidates: string;
  payload: string;
  receivedAt: Date;
  status: string;
  customerId: number | null;
  matchRule: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  note: string | null;
  /** The linked customer's id and name (null while open or dismissed). */
  customerExternalId: string | null;
  customerName: string | null;
}

export type NewUnmatchedItem = Omit<
  UnmatchedItemRow,
  | "id"
  | "status"
  | "customerId"
  | "matchRule"
  | "resolvedBy"
  | "resolvedAt"
  | "note"
  | "customerExternalId"
  | "customerName"
>;

const SELECT = `SELECT u.*, c.external_id AS linked_external_id, c.name AS linked_name
  FROM unmatched_items u LEFT JOIN customers c ON c.id = u.customer_id`;

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toRow(r: Record<string, unknown>): UnmatchedItemRow {
  return {
    id: Number(r.id),
    kind: String(r.kind),
    source: String(r.source),
    eventId: str(r.event_id),
    externalId: String(r.external_id),
    customerRef: str(r.customer_ref),
    requesterEmail: str(r.requester_email),
    requesterName: str(r.requester_name),
    subject: str(r.subject),
    reason: String(r.reason),
    candidates: String(r.candidates),
    payload: String(r.payload),
    receivedAt: asDate(r.received_at),
    status: String(r.status),
    customerId: r.customer_id === null || r.customer_id === undefined ? null : Number(r.customer_id),
    matchRule: str(r.match_rule),
    resolvedBy: str(r.resolved_by),
    resolvedAt: asDateOrNull(r.resolved_at),
    note: str(r.note),
    customerExternalId: str(r.linked_external_id),
    customerName: str(r.linked_name),
  };
}

export async function insertUnmatchedItem(sql: SqlClient, u: NewUnmatchedItem): Promise<number> {
  const [row] = await sql.all<{ id: number }>(
    `INSERT INTO unmatched_items (kind, source, event_id, external_id, customer_ref, requester_email, requester_name,
       subject, reason, candidates, payload, received_at, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open') RETURNING id`,
    [
      u.kind,
      u.source,
      u.eventId,
      u.externalId,
      u.customerRef,
      u.requesterEmail,
      u.requesterName,
      u.subject,
      u.reason,
      u.candidates,
      u.payload,
      u.receivedAt,
    ],
  );
  return Number(row.id);
}

export async function getUnmatchedItem(sql: SqlClient, id: number): Promise<UnmatchedItemRow | null> {
  const [row] = await sql.all(`${SELECT} WHERE u.id = ?`, [id]);
  return row ? toRow(row) : null;
}

/** Items newest first: of one status (all statuses when null), optionally one kind or requester email, before an id. */
export async function listUnmatchedItems(
  sql: SqlClient,
  options: { status: string | null; kind?: string; email?: string; before?: number; limit: number },
): Promise<UnmatchedItemRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const filter = (clause: string, value: string | number | null | undefined) => {
    if (value === null || value === undefined || value === "") return;
    where.push(clause);
    params.push(value);
  };
  filter("u.status = ?", options.status);
  filter("u.kind = ?", options.kind);
  filter("lower(u.requester_email) = ?", options.email?.toLowerCase());
  filter("u.id < ?", options.before);
  const rows = await sql.all(
    `${SELECT} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY u.id DESC LIMIT ?`,
    [...params, options.limit],
  );
  return rows.map(toRow);
}

/** How many items are open (the queue's length). */
export async function countOpenUnmatchedItems(sql: SqlClient): Promise<number> {
  const [row] = await sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM unmatched_items WHERE status = 'open'");
  return Number(row.n);
}

/**
 * Moves an open item to `linked` or `dismissed` with who, when and (for a link) the customer and rule;
 * false when it is no longer open (someone else settled it first).
 */
export async function settleUnmatchedItem(
  sql: SqlClient,
  s: {
    id: number;
    status: "linked" | "dismissed";
    customerId: number | null;
    matchRule: string | null;
    by: string;
    note: string | null;
    now: Date;
  },
): Promise<boolean> {
  const changed = await sql.run(
    `UPDATE unmatched_items SET status = ?, customer_id = ?, match_rule = ?, resolved_by = ?, note = ?, resolved_at = ?
     WHERE id = ? AND status = 'open'`,
    [s.status, s.customerId, s.matchRule, s.by, s.note, s.now, s.id],
  );
  return changed === 1;
}

/** Puts a linked item back in the queue (its processing failed), with why. */
export async function reopenUnmatchedItem(sql: SqlClient, options: { id: number; reason: string }): Promise<void> {
  await sql.run(
    `UPDATE unmatched_items SET status = 'open', customer_id = NULL, match_rule = NULL, resolved_by = NULL, note = NULL,
       resolved_at = NULL, reason = ? WHERE id = ?`,
    [options.reason, options.id],
  );
}
