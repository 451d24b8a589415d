import type { SqlClient } from "../sql-client.ts";
import { asDate, asDateOrNull } from "./outreach-row-values.ts";
import { OutboxStatus } from "../../outreach-statuses.ts";

/** A follow-up held for review, with what the reviewer needs to decide. */
export interface HeldFollowUp {
  outboxId: number;
  followUpId: number;
  ticketId: number;
  /** The ticket's id at its source, as people read it (null: the ticket is gone). */
  ticketExternalId: string | null;
  customerId: string;
  customerName: string | null;
  mrr: number;
  /** The account's owner (the override, else the imported owner), lowercased. */
  ownerEmail: string | null;
  plannedAt: Date;
  reviewUntil: Date;
  editedSubject: string | null;
  editedText: string | null;
}

/** Follow-ups waiting for review, the `ownerEmail` ones first, then the soonest to lapse. */
export async function listHeldFollowUps(
  sql: SqlClient,
  options: { ownerEmail: string | null; limit: number; outboxId?: number },
): Promise<HeldFollowUp[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT o.id AS outbox_id, o.follow_up_id, f.ticket_id, t.external_id AS ticket_external_id, c.external_id, c.name,
       c.mrr, f.planned_at, o.review_until, o.edited_subject, o.edited_text, LOWER(COALESCE(s.owner_email, c.owner_email)) AS owner
     FROM outreach_outbox o JOIN outreach_follow_ups f ON f.id = o.follow_up_id JOIN customers c ON c.id = f.customer_id
       LEFT JOIN tickets t ON t.id = f.ticket_id LEFT JOIN customer_state s ON s.customer_id = c.id
     WHERE o.review = 'pending' AND o.status = ? AND (? = 0 OR o.id = ?)
     ORDER BY CASE WHEN LOWER(COALESCE(s.owner_email, c.owner_email)) = ? THEN 0 ELSE 1 END, o.review_until, o.id
     LIMIT ?`,
    [
      OutboxStatus.Pending,
      options.outboxId ?? 0,
      options.outboxId ?? 0,
      options.ownerEmail?.toLowerCase() ?? "",
      options.limit,
    ],
  );
  return rows.map((r) => ({
    outboxId: Number(r.outbox_id),
    followUpId: Number(r.follow_up_id),
    ticketId: Number(r.ticket_id),
    ticketExternalId: (r.ticket_external_id as string | null) ?? null,
    customerId: String(r.external_id),
    customerName: (r.name as string | null) ?? null,
    mrr: Number(r.mrr),
    ownerEmail: (r.owner as string | null) ?? null,
    plannedAt: asDate(r.planned_at),
    reviewUntil: asDate(r.review_until),
    editedSubject: (r.edited_subject as string | null) ?? null,
    editedText: (r.edited_text as string | null) ?? null,
  }));
}

/** Approves a held message to go now, with the reviewer's edits; false when it is no longer held. */
export async function approveHeld(
  sql: SqlClient,
  options: { outboxId: number; reviewer: string; subject: string | null; text: string | null; now: Date },
): Promise<boolean> {
  const { outboxId, reviewer, subject, text, now } = options;
  const changed = await sql.run(
    `UPDATE outreach_outbox SET review = 'approved', reviewed_by = ?, reviewed_at = ?, edited_subject = ?, edited_text = ?,
       due_at = ?, updated_at = ? WHERE id = ? AND status = ? AND review = 'pending'`,
    [reviewer, now, subject, text, now, now, outboxId, OutboxStatus.Pending],
  );
  return changed === 1;
}

/** Ends a held message unsent (`skipped` by a reviewer, or `expired` unreviewed); false when it is no longer held. */
export async function closeHeld(
  sql: SqlClient,
  options: { outboxId: number; review: "skipped" | "expired"; reviewer: string | null; error: string; now: Date },
): Promise<boolean> {
  const { outboxId, review, reviewer, error, now } = options;
  const lapsed = review === "expired" ? " AND review_until <= ?" : "";
  const changed = await sql.run(
    `UPDATE outreach_outbox SET status = ?, review = ?, reviewed_by = ?, reviewed_at = ?, last_error = ?, updated_at = ?
     WHERE id = ? AND status = ? AND review = 'pending'${lapsed}`,
    [
      OutboxStatus.Cancelled,
      review,
      reviewer,
      now,
      error,
      now,
      outboxId,
      OutboxStatus.Pending,
      ...(lapsed ? [now] : []),
    ],
  );
  return changed === 1;
}

/** Ids of held messages whose review window ended by `now`. */
export async function listLapsedReviews(sql: SqlClient, options: { now: Date; limit: number }): Promise<number[]> {
  const rows = await sql.all<{ id: number }>(
    "SELECT id FROM outreach_outbox WHERE review = 'pending' AND status = ? AND review_until <= ? ORDER BY review_until, id LIMIT ?",
    [OutboxStatus.Pending, options.now, options.limit],
  );
  return rows.map((r) => Number(r.id));
}

/** One outbox message by id (review and edits included); null when there is none. */
export async function getOutboxMessage(
  sql: SqlClient,
  outboxId: number,
): Promise<{ id: number; followUpId: number; review: string | null; reviewUntil: Date | null } | null> {
  const [r] = await sql.all<Record<string, unknown>>(
    "SELECT id, follow_up_id, review, review_until FROM outreach_outbox WHERE id = ?",
    [outboxId],
  );
  return r
    ? {
        id: Number(r.id),
        followUpId: Number(r.follow_up_id),
        review: (r.review as string | null) ?? null,
        reviewUntil: asDateOrNull(r.review_until),
      }
    : null;
}

/** The email of a follow-up as it went out (null before it was sent, or for one sent before copies were kept). */
export async function getSentMessage(
  sql: SqlClient,
  followUpId: number,
): Promise<{ followUpId: number; messageId: string; sentAt: Date; recipient: string; raw: string | null } | null> {
  const [r] = await sql.all<Record<string, unknown>>(
    "SELECT follow_up_id, message_id, sent_at, recipient, raw_message FROM outreach_outbox WHERE follow_up_id = ? AND status = ?",
    [followUpId, OutboxStatus.Sent],
  );
  return r
    ? {
        followUpId: Number(r.follow_up_id),
        messageId: String(r.message_id),
        sentAt: asDate(r.sent_at),
        recipient: String(r.recipient),
        raw: (r.raw_message as string | null) ?? null,
      }
    : null;
}

/** Customers whose id is `text`, else whose name or id contains it (case-insensitive), by name. */
export async function searchCustomers(
  sql: SqlClient,
  options: { text: string; limit: number },
): Promise<{ externalId: string; name: string | null }[]> {
  const exact = await sql.all<{ external_id: string; name: string | null }>(
    "SELECT external_id, name FROM customers WHERE external_id = ?",
    [options.text],
  );
  const rows = exact.length
    ? exact
    : await sql.all<{ external_id: string; name: string | null }>(
        "SELECT external_id, name FROM customers WHERE LOWER(name) LIKE ? OR LOWER(external_id) LIKE ? ORDER BY name, external_id LIMIT ?",
        [`%${options.text.toLowerCase()}%`, `%${options.text.toLowerCase()}%`, options.limit],
      );
  return rows.map((r) => ({ externalId: r.external_id, name: r.name }));
}
