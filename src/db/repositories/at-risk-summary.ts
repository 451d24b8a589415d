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

const NOT_SNOOZED = "(cs.snoozed_until IS NULL OR cs.snoozed_until <= ?)";

/**
 * The current run's figures per band in one scan (the views' rules of at-risk-filters.ts as sums): at risk and
 * not snoozed; newly = not at risk in the previous run; no longer = at risk there and not now; snoozed now.
 */
async function currentByBand(sql: SqlClient, q: RunFilters) {
  const where = whereClause({ ...q, view: AtRiskView.All });
  const active = `s.at_risk = ? AND ${NOT_SNOOZED}`;
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT s.band AS band,
       SUM(CASE WHEN ${active} THEN 1 ELSE 0 END) AS at_risk,
       SUM(CASE WHEN ${active} THEN s.probability * s.mrr ELSE 0 END) AS mrr_at_risk,
       SUM(CASE WHEN ${active} AND (p.at_risk IS NULL OR p.at_risk = ?) THEN 1 ELSE 0 END) AS newly,
       SUM(CASE WHEN s.at_risk = ? AND ${NOT_SNOOZED} AND p.at_risk = ? THEN 1 ELSE 0 END) AS no_longer,
       SUM(CASE WHEN cs.snoozed_until > ? THEN 1 ELSE 0 END) AS snoozed
     ${LIST_FROM} LEFT JOIN risk_scores p ON p.run_id = ? AND p.customer_id = s.customer_id
     WHERE ${where.sql} GROUP BY s.band`,
    [true, q.now, true, q.now, true, q.now, false, false, q.now, true, q.now, q.previousRunId, ...where.params],
  );
  return rows.map((r) => ({
    band: String(r.band),
    atRisk: Number(r.at_risk ?? 0),
    mrrAtRisk: Number(r.mrr_at_risk ?? 0),
    newly: Number(r.newly ?? 0),
    noLonger: Number(r.no_longer ?? 0),
    snoozed: Number(r.snoozed ?? 0),
  }));
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
  const [bands, previous, runs] = await Promise.all([
    currentByBand(sql, q),
    q.previousRunId === null ? null : cohort(sql, { ...q, runId: q.previousRunId, previousRunId: null }),
    sql.all<{ as_of: unknown; at_risk: number }>(
      "SELECT as_of, at_risk FROM risk_runs WHERE status = ? ORDER BY as_of DESC LIMIT ?",
      [RiskRunStatus.Complete, historyRuns],
    ),
  ]);
  const total = (pick: (b: (typeof bands)[number]) => number) => bands.reduce((sum, b) => sum + pick(b), 0);
  return {
    atRisk: { count: total((b) => b.atRisk), mrrAtRisk: total((b) => b.mrrAtRisk) },
    previous,
    newlyAtRisk: total((b) => b.newly),
    noLongerAtRisk: q.previousRunId === null ? 0 : total((b) => b.noLonger),
    snoozed: total((b) => b.snoozed),
    bands: Object.fromEntries(bands.filter((b) => b.atRisk > 0).map((b) => [b.band, b.atRisk])),
    history: runs.reverse().map((r) => ({ asOf: asDate(r.as_of), atRisk: Number(r.at_risk) })),
  };
}
