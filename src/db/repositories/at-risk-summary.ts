import type { SqlClient } from "../sql-client.ts";
import { AtRiskView, LIST_FROM, whereClause, type RunFilters } from "./at-risk-filters.ts";
import { asDate } from "./outreach-row-values.ts";
import { RiskRunStatus } from "./risk-runs.ts";

/** The figures of the at-risk list's summary strip, for one run and its previous one (same filters). */
export interface AtRiskRunSummary {
  /** The at-risk view: its customers and their MRR at risk (Σ probability × MRR). */
  atRisk: { count: number; mrrAtRisk: number };
  /** The previous run's at-risk customers under the same filters read now; null without a previous run. */
  previous: { count: number; mrrAtRisk: number } | null;
  newlyAtRisk: number;
  noLongerAtRisk: number;
  snoozed: number;
  /** At-risk customers per band (bands with none are absent). */
  bands: Record<string, number>;
  /** Each recent complete run's at-risk count as scored (unfiltered), oldest first. */
  history: { asOf: Date; atRisk: number }[];
}

async function cohort(sql: SqlClient, q: RunFilters): Promise<{ count: number; mrrAtRisk: number }> {
  const where = whereClause({ ...q, view: AtRiskView.AtRisk });
  const [row] = await sql.all<{ n: number; m: number | null }>(
    `SELECT COUNT(*) AS n, SUM(s.probability * s.mrr) AS m ${LIST_FROM} WHERE ${where.sql}`,
    where.params,
  );
  return { count: Number(row.n), mrrAtRisk: Number(row.m ?? 0) };
}

async function countView(sql: SqlClient, q: RunFilters, view: AtRiskView): Promise<number> {
  const where = whereClause({ ...q, view });
  const [row] = await sql.all<{ n: number }>(`SELECT COUNT(*) AS n ${LIST_FROM} WHERE ${where.sql}`, where.params);
  return Number(row.n);
}

/**
 * The summary of a run's list under the filters other than view and band (plan, segment, owner, open ticket,
 * search). The previous run is read with the same rules now (snoozed and churned customers left out of both), so
 * the change compares like with like.
 */
export async function summarizeAtRiskRun(
  sql: SqlClient,
  q: Omit<RunFilters, "view" | "band">,
  historyRuns = 12,
): Promise<AtRiskRunSummary> {
  const bandWhere = whereClause({ ...q, view: AtRiskView.AtRisk });
  const [atRisk, previous, newlyAtRisk, noLongerAtRisk, snoozed, bandRows, runs] = await Promise.all([
    cohort(sql, q),
    q.previousRunId === null ? null : cohort(sql, { ...q, runId: q.previousRunId, previousRunId: null }),
    countView(sql, q, AtRiskView.NewlyAtRisk),
    countView(sql, q, AtRiskView.NoLongerAtRisk),
    countView(sql, q, AtRiskView.Snoozed),
    sql.all<{ band: string; n: number }>(
      `SELECT s.band AS band, COUNT(*) AS n ${LIST_FROM} WHERE ${bandWhere.sql} GROUP BY s.band`,
      bandWhere.params,
    ),
    sql.all<{ as_of: unknown; at_risk: number }>(
      "SELECT as_of, at_risk FROM risk_runs WHERE status = ? ORDER BY as_of DESC LIMIT ?",
      [RiskRunStatus.Complete, historyRuns],
    ),
  ]);
  return {
    atRisk,
    previous,
    newlyAtRisk,
    noLongerAtRisk,
    snoozed,
    bands: Object.fromEntries(bandRows.map((r) => [String(r.band), Number(r.n)])),
    history: runs.reverse().map((r) => ({ asOf: asDate(r.as_of), atRisk: Number(r.at_risk) })),
  };
}
