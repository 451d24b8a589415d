import type { SqlClient } from "../sql-client.ts";
import { asDate, asDateOrNull } from "./outreach-row-values.ts";
import { OutboxStatus } from "../../outreach-statuses.ts";

/** One email to send, as the worker sees it after claiming it. */
export interface OutboxRecord {
  id: number;
  followUpId: number;
  /** The Message-ID header, fixed when the row is created: a resend carries the same one. */
  messageId: string;
  status: string;
  dueAt: Date;
  /** Claims so far, this one included. */
  attempts: number;
  /** Transient SMTP replies (4xx) so far; past the limit the message fails. */
  rejections: number;
  claimedBy: string | null;
  claimedUntil: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  /** Review before sending: null (none), pending (held for the owner), approved, skipped or expired. */
  review: string | null;
  reviewUntil: Date | null;
  /** The reviewer's edits (null: the play's words as rendered). */
  editedSubject: string | null;
  editedText: string | null;
}

function toOutbox(r: Record<string, unknown>): OutboxRecord {
  return {
    id: Number(r.id),
    followUpId: Number(r.follow_up_id),
    messageId: String(r.message_id),
    status: String(r.status),
    dueAt: asDate(r.due_at),
    attempts: Number(r.attempts),
    rejections: Number(r.rejections),
    claimedBy: (r.claimed_by as string | null) ?? null,
    claimedUntil: asDateOrNull(r.claimed_until),
    lastError: (r.last_error as string | null) ?? null,
    sentAt: asDateOrNull(r.sent_at),
    review: (r.review as string | null) ?? null,
    reviewUntil: asDateOrNull(r.review_until),
    editedSubject: (r.edited_subject as string | null) ?? null,
    editedText: (r.edited_text as string | null) ?? null,
  };
}

/** Messages the worker may send: no review, or an approved one (held ones wait for their reviewer). */
const SENDABLE = "(review IS NULL OR review = 'approved')";

export async function insertOutbox(
  sql: SqlClient,
  options: { followUpId: number; messageId: string; dueAt: Date; now: Date; reviewUntil?: Date },
): Promise<void> {
  const review = options.reviewUntil ? "pending" : null;
  await sql.run(
    "INSERT INTO outreach_outbox (follow_up_id, message_id, status, due_at, attempts, rejections, review, " +
      "review_until, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?)",
    [
      options.followUpId,
      options.messageId,
      OutboxStatus.Pending,
      options.dueAt,
      review,
      options.reviewUntil ?? null,
      options.now,
      options.now,
    ],
  );
}

/** Ids of pending messages that are due and not claimed (or whose claim lapsed), oldest first. */
export async function listDueOutbox(sql: SqlClient, options: { now: Date; limit: number }): Promise<number[]> {
  const rows = await sql.all<{ id: number }>(
    `SELECT id FROM outreach_outbox WHERE status = ? AND due_at <= ? AND (claimed_until IS NULL OR ` +
      `claimed_until < ?) AND ${SENDABLE} ORDER BY due_at, id LIMIT ?`,
    [OutboxStatus.Pending, options.now, options.now, options.limit],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Claims a due message for `instance` until now + leaseMs, atomically: of several workers
 * only the one whose UPDATE changes the row gets it. A claim whose worker died lapses at
 * claimed_until and the message can be claimed again. Null when someone else has it.
 */
export async function claimOutbox(
  sql: SqlClient,
  options: { id: number; instance: string; now: Date; leaseMs: number },
): Promise<OutboxRecord | null> {
  const { id, instance, now, leaseMs } = options;
  const changed = await sql.run(
    `UPDATE outreach_outbox SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1, updated_at = ?
     WHERE id = ? AND status = ? AND due_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) AND ${SENDABLE}`,
    [instance, new Date(now.getTime() + leaseMs), now, id, OutboxStatus.Pending, now, now],
  );
  if (changed !== 1) return null;
  const [row] = await sql.all<Record<string, unknown>>("SELECT * FROM outreach_outbox WHERE id = ?", [id]);
  return toOutbox(row);
}

/**
 * Records an accepted send. Not conditional on the claim: the email went, whatever happened
 * to the lease. False when the row was already sent (a duplicate send, to be logged). `raw`: the message as sent.
 */
export async function markOutboxSent(
  sql: SqlClient,
  options: { id: number; recipient: string; subject: string; smtpResponse: string; raw?: string; now: Date },
): Promise<boolean> {
  const changed = await sql.run(
    `UPDATE outreach_outbox SET status = ?, sent_at = ?, recipient = ?, subject = ?, smtp_response = ?, raw_message = ?,
      claimed_by = NULL, claimed_until = NULL, last_error = NULL, updated_at = ?
     WHERE id = ? AND status = ?`,
    [
      OutboxStatus.Sent,
      options.now,
      options.recipient,
      options.subject,
      options.smtpResponse,
      options.raw ?? null,
      options.now,
      options.id,
      OutboxStatus.Pending,
    ],
  );
  return changed === 1;
}

/** Puts a claimed message back to wait until `dueAt` (a retry after a transient error). */
export async function deferOutbox(
  sql: SqlClient,
  options: { id: number; instance: string; dueAt: Date; error: string; rejection: boolean; now: Date },
): Promise<boolean> {
  const changed = await sql.run(
    `UPDATE outreach_outbox SET due_at = ?, last_error = ?, rejections = rejections + ?, claimed_by = NULL,
      claimed_until = NULL, updated_at = ?
     WHERE id = ? AND status = ? AND claimed_by = ?`,
    [
      options.dueAt,
      options.error,
      options.rejection ? 1 : 0,
      options.now,
      options.id,
      OutboxStatus.Pending,
      options.instance,
    ],
  );
  return changed === 1;
}

/** Ends a pending message as failed or cancelled, with why. */
export async function closeOutbox(
  sql: SqlClient,
  options: { id: number; status: typeof OutboxStatus.Failed | typeof OutboxStatus.Cancelled; error: string; now: Date },
): Promise<boolean> {
  const changed = await sql.run(
    "UPDATE outreach_outbox SET status = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL, " +
      "updated_at = ? WHERE id = ? AND status = ?",
    [options.status, options.error, options.now, options.id, OutboxStatus.Pending],
  );
  return changed === 1;
}
