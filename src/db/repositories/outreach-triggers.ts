import type { SqlClient } from "../sql-client.ts";
import type { TriggerResult, TriggerSource } from "../../outreach-statuses.ts";
import { placeholders } from "./outreach-row-values.ts";

export interface PendingTrigger {
  id: number;
  ticketId: number;
  source: string;
}

const CHUNK = 500;

/**
 * Queues the closed tickets among `ticketIds` (closed at or after `closedSince`) for the
 * follow-up scheduler; open tickets and old closings are not queued. Resolves to how many were.
 */
export async function enqueueTriggers(
  sql: SqlClient,
  options: { ticketIds: number[]; source: TriggerSource; closedSince: Date; now: Date },
): Promise<number> {
  const { ticketIds, source, closedSince, now } = options;
  const unique = [...new Set(ticketIds)];
  let queued = 0;
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    queued += await sql.run(
      `INSERT INTO outreach_triggers (ticket_id, source, received_at)
       SELECT id, ?, ? FROM tickets WHERE id IN ${placeholders(chunk.length)} AND closed_at IS NOT NULL AND closed_at >= ?`,
      [source, now, ...chunk, closedSince],
    );
  }
  return queued;
}

/** The oldest unprocessed triggers. */
export async function listPendingTriggers(sql: SqlClient, limit: number): Promise<PendingTrigger[]> {
  const rows = await sql.all<{ id: number; ticket_id: number; source: string }>(
    "SELECT id, ticket_id, source FROM outreach_triggers WHERE processed_at IS NULL ORDER BY id LIMIT ?",
    [limit],
  );
  return rows.map((r) => ({ id: Number(r.id), ticketId: Number(r.ticket_id), source: r.source }));
}

/** Marks a trigger processed if nobody has yet: true when this caller got it (use inside the transaction that acts on it). */
export async function claimTrigger(sql: SqlClient, options: { id: number; now: Date }): Promise<boolean> {
  const changed = await sql.run("UPDATE outreach_triggers SET processed_at = ? WHERE id = ? AND processed_at IS NULL", [
    options.now,
    options.id,
  ]);
  return changed === 1;
}

export async function setTriggerResult(sql: SqlClient, options: { id: number; result: TriggerResult }): Promise<void> {
  await sql.run("UPDATE outreach_triggers SET result = ? WHERE id = ?", [options.result, options.id]);
}

/** Queues every ticket closed at or after `closedSince` (a backfill after imports that bypassed the hooks). */
export async function enqueueRecentClosings(
  sql: SqlClient,
  options: { source: TriggerSource; closedSince: Date; now: Date },
): Promise<number> {
  return sql.run(
    "INSERT INTO outreach_triggers (ticket_id, source, received_at) SELECT id, ?, ? FROM tickets " +
      "WHERE closed_at IS NOT NULL AND closed_at >= ?",
    [options.source, options.now, options.closedSince],
  );
}
