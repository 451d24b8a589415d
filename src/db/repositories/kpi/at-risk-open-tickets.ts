import type { Database } from "../../database.ts";
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
 * The at-risk customers of the latest complete run (as_of ≤ now) ranked by their tickets
 * open now (created before now, not resolved or closed before now), most first; ties by MRR.
 */
export async function atRiskOpenTickets(
  db: Database,
  options: { nowMs: number; limit: number },
): Promise<AtRiskOpenTicketsRow[]> {
  const d = sqlDialect(db.dialect);
  const now = d.timestamp(options.nowMs);
  return db.reports.all<AtRiskOpenTicketsRow>(
    `WITH run AS (
       SELECT id, as_of FROM risk_runs WHERE status = ? AND as_of <= ? ORDER BY as_of DESC LIMIT 1),
     waiting AS (
       SELECT s.customer_id, s.probability, s.band, s.mrr, r.as_of, COUNT(*) AS open_tickets, MIN(t.created_at) AS oldest_open_at
       FROM run r
       JOIN risk_scores s ON s.run_id = r.id
       JOIN tickets t ON t.customer_id = s.customer_id
       WHERE s.at_risk = ? AND t.created_at < ? AND (${DONE} IS NULL OR ${DONE} >= ?)
       GROUP BY s.customer_id, s.probability, s.band, s.mrr, r.as_of)
     SELECT o.as_of AS run_as_of, COUNT(*) OVER () AS with_open, c.external_id, c.name, c.owner_email,
       o.probability, o.band, o.mrr, o.open_tickets, o.oldest_open_at
     FROM waiting o JOIN customers c ON c.id = o.customer_id
     ORDER BY o.open_tickets DESC, o.mrr DESC, c.external_id
     LIMIT ?`,
    [RiskRunStatus.Complete, now, true, now, now, options.limit],
  );
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
