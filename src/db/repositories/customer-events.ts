import type { SqlClient } from "../sql-client.ts";
import { asDate, asDateOrNull } from "./outreach-row-values.ts";

/** One row of the append-only customer_events log (what a CSM did with a customer). */
export interface CustomerEventRow {
  id: number;
  customerId: number;
  /** A CustomerEventKind of src/customers (owner, snooze, unsnooze, contact, note_edit). */
  kind: string;
  /** Who did it: the signed-in principal's name; null when unknown. */
  actor: string | null;
  /** The new owner, the contact channel, the snooze reason or the note's new body. */
  value: string | null;
  /** The owner or the note body before the change. */
  previous: string | null;
  /** The end of a snooze. */
  until: Date | null;
  noteId: number | null;
  at: Date;
}

/** Appends one event; the log is never updated or deleted. */
export async function insertCustomerEvent(sql: SqlClient, event: Omit<CustomerEventRow, "id">): Promise<void> {
  await sql.run(
    "INSERT INTO customer_events (customer_id, kind, actor, value, previous, until, note_id, at) " +
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [event.customerId, event.kind, event.actor, event.value, event.previous, event.until, event.noteId, event.at],
  );
}

/** Appends many events in statements of up to 500 rows (inside the caller's transaction for all-or-nothing). */
export async function insertCustomerEvents(sql: SqlClient, events: Omit<CustomerEventRow, "id">[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500);
    await sql.run(
      "INSERT INTO customer_events (customer_id, kind, actor, value, previous, until, note_id, at) VALUES " +
        chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", "),
      chunk.flatMap((e) => [e.customerId, e.kind, e.actor, e.value, e.previous, e.until, e.noteId, e.at]),
    );
  }
}

/** A customer's events, newest first (the latest `limit`, default 500). */
export async function listCustomerEvents(
  sql: SqlClient,
  options: { customerId: number; limit?: number },
): Promise<CustomerEventRow[]> {
  const rows = await sql.all<Record<string, unknown>>(
    "SELECT id, customer_id, kind, actor, value, previous, until, note_id, at FROM customer_events " +
      "WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT ?",
    [options.customerId, options.limit ?? 500],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customer_id),
    kind: String(r.kind),
    actor: (r.actor as string | null) ?? null,
    value: (r.value as string | null) ?? null,
    previous: (r.previous as string | null) ?? null,
    until: asDateOrNull(r.until),
    noteId: r.note_id === null || r.note_id === undefined ? null : Number(r.note_id),
    at: asDate(r.at),
  }));
}
