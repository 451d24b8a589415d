import type { Database } from "../../database.ts";
import type { SqlValue } from "../../sql-client.ts";
import { sqlDialect } from "../../sql-dialect.ts";
import { RiskRunStatus } from "../risk-runs.ts";

export interface AtRiskOpenTicketsRow {
  run_as_of: Date | string;
  /** At-risk customers of the run with at least one open ticket (the same on every row). */
  with_open: number;
  external_id: string;
  name: string | null;
  owner_email: string | null;
  probability: number;
  band: string;
  mrr: number;
  open_tickets: number;
  oldest_open_at: Date | string;
}

const DONE = "COALESCE(t.resolved_at, t.closed_at)";

/**
 * Tickets open at an instant (created before it, not resolved or closed before it) as two
 * ranges of tickets_kpi_done_idx, which holds customer_id and created_at: never done, and done
 * at or after the instant. Parameters: the instant, three times.
 */
const OPEN_TICKETS = `
  SELECT t.customer_id, t.created_at FROM tickets t WHERE ${DONE} IS NULL AND t.created_at < ?
  UNION ALL
  SELECT t.customer_id, t.created_at FROM tickets t WHERE ${DONE} >= ? AND t.created_at < ?`;

/**
 * The at-risk customers of the latest complete run (as_of ≤ now) ranked by their tickets
 * open now (created before now, not resolved or closed before now), most first; ties by MRR.
 * The open tickets drive (few, from the index), each looked up in the run's scores.
 */
export async function atRiskOpenTickets(
  db: Database,
  options: { nowMs: number; limit: number },
): Promise<AtRiskOpenTicketsRow[]> {
  const now = sqlDialect(db.dialect).timestamp(options.nowMs);
  return db.reports.all<AtRiskOpenTicketsRow>(
    `WITH run AS (
       SELECT id, as_of FROM risk_runs WHERE status = ? AND as_of <= ? ORDER BY as_of DESC LIMIT 1),
     open_now AS MATERIALIZED (${OPEN_TICKETS}),
     waiting AS (
       SELECT s.customer_id, s.probability, s.band, s.mrr, r.as_of, COUNT(*) AS open_tickets, MIN(o.created_at) AS oldest_open_at
       FROM run r
       CROSS JOIN open_now o
       JOIN risk_scores s ON s.run_id = r.id AND s.customer_id = o.customer_id
       WHERE s.at_risk = ?
       GROUP BY s.customer_id, s.probability, s.band, s.mrr, r.as_of)
     SELECT o.as_of AS run_as_of, COUNT(*) OVER () AS with_open, c.external_id, c.name, c.owner_email,
       o.probability, o.band, o.mrr, o.open_tickets, o.oldest_open_at
     FROM waiting o JOIN customers c ON c.id = o.customer_id
     ORDER BY o.open_tickets DESC, o.mrr DESC, c.external_id
     LIMIT ?`,
    [RiskRunStatus.Complete, now, now, now, now, true, options.limit],
  );
}

/**
 * Tickets open at an instant of each of some customers (by external id); customers with none
 * are left out. For the previous period's figure beside each listed at-risk customer.
 */
export async function countOpenTickets(
  db: Database,
  options: { atMs: number; customerIds: string[] },
): Promise<Map<string, number>> {
  if (options.customerIds.length === 0) return new Map();
  const at = sqlDialect(db.dialect).timestamp(options.atMs);
  const ids: SqlValue[] = options.customerIds;
  const rows = await db.reports.all<{ external_id: string; open_tickets: number }>(
    `SELECT c.external_id, COUNT(*) AS open_tickets
     FROM customers c JOIN tickets t ON t.customer_id = c.id
     WHERE c.external_id IN (${ids.map(() => "?").join(", ")}) AND t.created_at < ? AND (${DONE} IS NULL OR ${DONE} >= ?)
     GROUP BY c.external_id`,
    [...ids, at, at],
  );
  return new Map(rows.map((r) => [r.external_id, Number(r.open_tickets)]));
}

/** The as_of date and at-risk count of the latest complete run on or before now, if any. */
export async function latestCompleteRun(
  db: Database,
  nowMs: number,
): Promise<{ as_of: Date | string; at_risk: number } | null> {
  const rows = await db.reports.all<{ as_of: Date | string; at_risk: number }>(
    `SELECT r.as_of, (SELECT COUNT(*) FROM risk_scores s WHERE s.run_id = r.id AND s.at_risk = ?) AS at_risk
     FROM risk_runs r WHERE r.status = ? AND r.as_of <= ? ORDER BY r.as_of DESC LIMIT 1`,
    [true, RiskRunStatus.Complete, sqlDialect(db.dialect).timestamp(nowMs)],
  );
  return rows[0] ?? null;
}
