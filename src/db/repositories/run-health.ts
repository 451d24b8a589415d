import type { Database } from "../database.ts";
import { RiskRunStatus } from "./risk-runs.ts";

const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

/** A complete risk run with its saved realised outcome and drift (JSON as stored; null while not measured). */
export interface RunHealthRow {
  runId: number;
  asOf: Date;
  modelVersion: string;
  scored: number;
  atRisk: number;
  outcome: string | null;
  outcomeAt: Date | null;
  drift: string | null;
}

/** The latest `take` complete runs, oldest first, with their saved outcome and drift. */
export async function listRunHealth(db: Database, take = 60): Promise<RunHealthRow[]> {
  const rows = await db.sql.all<{
    id: number;
    as_of: string | Date;
    model_version: string;
    scored: number;
    at_risk: number;
    metrics: string | null;
    computed_at: string | Date | null;
    drift: string | null;
  }>(
    `SELECT r.id, r.as_of, r.model_version, r.scored, r.at_risk, o.metrics, o.computed_at, d.drift
     FROM risk_runs r LEFT JOIN run_outcomes o ON o.run_id = r.id LEFT JOIN run_drift d ON d.run_id = r.id
     WHERE r.status = ? ORDER BY r.as_of DESC LIMIT ?`,
    [RiskRunStatus.Complete, take],
  );
  return rows.reverse().map((r) => ({
    runId: Number(r.id),
    asOf: toDate(r.as_of),
    modelVersion: r.model_version,
    scored: Number(r.scored),
    atRisk: Number(r.at_risk),
    outcome: r.metrics,
    outcomeAt: r.computed_at === null ? null : toDate(r.computed_at),
    drift: r.drift,
  }));
}

/** Complete runs not yet measured, oldest first: id, as-of and model version. */
export async function listUnmeasuredRuns(db: Database): Promise<{ runId: number; asOf: Date; modelVersion: string }[]> {
  const rows = await db.sql.all<{ id: number; as_of: string | Date; model_version: string }>(
    `SELECT r.id, r.as_of, r.model_version FROM risk_runs r
     WHERE r.status = ? AND NOT EXISTS (SELECT 1 FROM run_outcomes o WHERE o.run_id = r.id) ORDER BY r.as_of`,
    [RiskRunStatus.Complete],
  );
  return rows.map((r) => ({ runId: Number(r.id), asOf: toDate(r.as_of), modelVersion: r.model_version }));
}

/** A run's customers as columns (one entry per customer in each). */
export interface RunOutcomeRows {
  probability: number[];
  churned: number[];
  atRisk: number[];
  mrr: number[];
  segment: (string | null)[];
  plan: (string | null)[];
}

/**
 * One run's customers as they turned out, in one streaming read: probability, at-risk flag, MRR at the
 * run, churned within (as_of, horizonEnd) (horizonEnd exclusive), current segment and plan. Customers
 * who had churned by the run's as-of are left out.
 */
export async function readRunOutcomeRows(
  db: Database,
  options: { runId: number; asOf: Date; horizonEnd: Date },
): Promise<RunOutcomeRows> {
  const out: RunOutcomeRows = { probability: [], churned: [], atRisk: [], mrr: [], segment: [], plan: [] };
  await db.sql.eachRow(
    `SELECT s.probability AS p, s.at_risk AS flagged, s.mrr AS mrr,
            CASE WHEN c.churn_date IS NOT NULL AND c.churn_date < ? THEN 1 ELSE 0 END AS churned,
            c.segment AS segment, c.plan AS plan
     FROM risk_scores s JOIN customers c ON c.id = s.customer_id
     WHERE s.run_id = ? AND (c.churn_date IS NULL OR c.churn_date > ?)`,
    [options.horizonEnd, options.runId, options.asOf],
    (v) => {
      out.probability.push(Number(v[0]));
      out.atRisk.push(v[1] === true || Number(v[1]) === 1 ? 1 : 0);
      out.mrr.push(Number(v[2]));
      out.churned.push(Number(v[3]));
      out.segment.push(v[4] as string | null);
      out.plan.push(v[5] as string | null);
    },
  );
  return out;
}

/** Saves (or replaces) a run's realised outcome, as JSON written by its format's writer. */
export async function saveRunOutcome(db: Database, runId: number, metrics: string): Promise<void> {
  await db.sql.transaction(async (tx) => {
    await tx.run("DELETE FROM run_outcomes WHERE run_id = ?", [runId]);
    await tx.run("INSERT INTO run_outcomes (run_id, computed_at, metrics) VALUES (?, ?, ?)", [
      runId,
      new Date(),
      metrics,
    ]);
  });
}

/** Saves (or replaces) a run's drift, as JSON written by its format's writer. */
export async function saveRunDrift(db: Database, runId: number, drift: string): Promise<void> {
  await db.sql.transaction(async (tx) => {
    await tx.run("DELETE FROM run_drift WHERE run_id = ?", [runId]);
    await tx.run("INSERT INTO run_drift (run_id, computed_at, drift) VALUES (?, ?, ?)", [runId, new Date(), drift]);
  });
}

/** Removes the outcome and drift of runs no longer complete (replaced by a later run of their date, or abandoned). */
export async function removeStaleRunHealth(db: Database): Promise<number> {
  const keep = "SELECT id FROM risk_runs WHERE status = ?";
  const outcomes = await db.sql.run(`DELETE FROM run_outcomes WHERE run_id NOT IN (${keep})`, [RiskRunStatus.Complete]);
  const drift = await db.sql.run(`DELETE FROM run_drift WHERE run_id NOT IN (${keep})`, [RiskRunStatus.Complete]);
  return outcomes + drift;
}
