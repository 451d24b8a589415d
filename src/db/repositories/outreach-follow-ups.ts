import type { SqlClient } from "../sql-client.ts";
import { asDate, asDateOrNull, placeholders } from "./outreach-row-values.ts";
import { FollowUpStatus, Outcome, type Arm, type FollowUpStatus as Status } from "../../outreach-statuses.ts";

/** One follow-up: the decision, its frozen evidence, where it stands, and its outcome. */
export interface FollowUpRecord {
  id: number;
  customerId: number;
  ticketId: number;
  play: string;
  /** Play name and a hash of its template files, e.g. `ticket-closed@1a2b3c4d`. */
  template: string;
  arm: Arm;
  status: Status;
  reason: string | null;
  closedAt: Date;
  reopenedCount: number;
  plannedAt: Date;
  runId: number;
  modelVersion: string;
  score: number;
  drivers: string;
  rule: string;
  createdAt: Date;
  updatedAt: Date;
  windowStart: Date | null;
  windowEnd: Date | null;
  outcome: string | null;
  outcomeAt: Date | null;
}

export type NewFollowUp = Omit<
  FollowUpRecord,
  "id" | "createdAt" | "updatedAt" | "windowStart" | "windowEnd" | "outcome" | "outcomeAt"
>;

const COLUMNS = `id, customer_id, ticket_id, play, template, arm, status, reason, closed_at, reopened_count,
  planned_at, run_id, model_version, score, drivers, rule, created_at, updated_at, window_start, window_end, outcome, outcome_at`;

function toFollowUp(r: Record<string, unknown>): FollowUpRecord {
  return {
    id: Number(r.id),
    customerId: Number(r.customer_id),
    ticketId: Number(r.ticket_id),
    play: String(r.play),
    template: String(r.template),
    arm: r.arm as Arm,
    status: r.status as Status,
    reason: (r.reason as string | null) ?? null,
    closedAt: asDate(r.closed_at),
    reopenedCount: Number(r.reopened_count),
    plannedAt: asDate(r.planned_at),
    runId: Number(r.run_id),
    modelVersion: String(r.model_version),
    score: Number(r.score),
    drivers: String(r.drivers),
    rule: String(r.rule),
    createdAt: asDate(r.created_at),
    updatedAt: asDate(r.updated_at),
    windowStart: asDateOrNull(r.window_start),
    windowEnd: asDateOrNull(r.window_end),
    outcome: (r.outcome as string | null) ?? null,
    outcomeAt: asDateOrNull(r.outcome_at),
  };
}

/** Inserts a follow-up unless one exists for its (customer, ticket, play): the new id, or null. */
export async function insertFollowUp(sql: SqlClient, f: NewFollowUp, now: Date): Promise<number | null> {
  const rows = await sql.all<{ id: number }>(
    `INSERT INTO outreach_follow_ups (customer_id, ticket_id, play, template, arm, status, reason, closed_at, reopened_count, planned_at,
       run_id, model_version, score, drivers, rule, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (customer_id, ticket_id, play) DO NOTHING RETURNING id`,
    [
      f.customerId,
      f.ticketId,
      f.play,
      f.template,
      f.arm,
      f.status,
      f.reason,
      f.closedAt,
      f.reopenedCount,
      f.plannedAt,
      f.runId,
      f.modelVersion,
      f.score,
      f.drivers,
      f.rule,
      now,
      now,
    ],
  );
  return rows.length ? Number(rows[0].id) : null;
}

export async function getFollowUp(sql: SqlClient, id: number): Promise<FollowUpRecord | null> {
  const [row] = await sql.all<Record<string, unknown>>(`SELECT ${COLUMNS} FROM outreach_follow_ups WHERE id = ?`, [id]);
  return row ? toFollowUp(row) : null;
}

/**
 * Moves an unsettled follow-up (no retention window yet) from one of `from` to `to`, with a
 * reason and, for a send, the retention window. False when it was no longer there.
 */
export async function transitionFollowUp(
  sql: SqlClient,
  options: {
    id: number;
    from: Status[];
    to: Status;
    reason?: string | null;
    window?: { start: Date; end: Date };
    now: Date;
  },
): Promise<boolean> {
  const { id, from, to, reason = null, window, now } = options;
  const changed = await sql.run(
    `UPDATE outreach_follow_ups SET status = ?, reason = ?, window_start = COALESCE(?, window_start), window_end =
      COALESCE(?, window_end), updated_at = ?
     WHERE id = ? AND window_start IS NULL AND status IN ${placeholders(from.length)}`,
    [to, reason, window?.start ?? null, window?.end ?? null, now, id, ...from],
  );
  return changed === 1;
}

/** Held-out follow-ups whose planned send time has come and that are not yet confirmed. */
export async function listHeldOutDue(sql: SqlClient, options: { now: Date; limit: number }): Promise<FollowUpRecord[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM outreach_follow_ups WHERE status = ? AND window_start IS NULL AND ` +
      `planned_at <= ? ORDER BY planned_at, id LIMIT ?`,
    [FollowUpStatus.HeldOut, options.now, options.limit],
  );
  return rows.map(toFollowUp);
}

/** Confirms a held-out follow-up at its planned time (starts its window); false if someone else did. */
export async function confirmHeldOut(
  sql: SqlClient,
  options: { id: number; window: { start: Date; end: Date }; now: Date },
): Promise<boolean> {
  const changed = await sql.run(
    "UPDATE outreach_follow_ups SET window_start = ?, window_end = ?, updated_at = ? WHERE id = ? AND status = ? AND window_start IS NULL",
    [options.window.start, options.window.end, options.now, options.id, FollowUpStatus.HeldOut],
  );
  return changed === 1;
}

/**
 * Records the outcome of every follow-up whose retention window ended by `now`: churned when
 * the customer's churn_date is on or before the window end, stayed otherwise (no churn date,
 * or a later one). Each outcome is recorded once.
 */
export async function recordEndedOutcomes(
  sql: SqlClient,
  options: { now: Date },
): Promise<{ stayed: number; churned: number }> {
  const { now } = options;
  const ended = `outcome IS NULL AND window_end IS NOT NULL AND window_end <= ? AND status IN (?, ?)`;
  const params = [now, FollowUpStatus.Sent, FollowUpStatus.HeldOut];
  return sql.transaction(async (tx) => {
    const churned = await tx.run(
      `UPDATE outreach_follow_ups SET outcome = ?, outcome_at = ?, updated_at = ? WHERE ${ended}
       AND EXISTS (SELECT 1 FROM customers c WHERE c.id = outreach_follow_ups.customer_id AND c.churn_date IS NOT
       NULL AND c.churn_date <= outreach_follow_ups.window_end)`,
      [Outcome.Churned, now, now, ...params],
    );
    const stayed = await tx.run(
      `UPDATE outreach_follow_ups SET outcome = ?, outcome_at = ?, updated_at = ? WHERE ${ended}`,
      [Outcome.Stayed, now, now, ...params],
    );
    return { stayed, churned };
  });
}
