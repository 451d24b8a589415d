import type { Database } from "../../database.ts";
import { sqlDialect } from "../../sql-dialect.ts";
import { RiskRunStatus } from "../risk-runs.ts";
import {
  checkWindowDays,
  groupSql,
  Outcome,
  outcomeSql,
  planHints,
  type KpiGroup,
  type KpiRange,
  type OutcomeCountRow,
} from "./kpi-sql.ts";

export interface CrrOutcomeRow extends OutcomeCountRow {
  /** The first and last interaction of the row's customers (null for outcome `none`): their windows end W days later. */
  first_at: Date | string | null;
  last_at: Date | string | null;
}

/**
 * The CRR cohort by outcome. Cohort: distinct customers flagged at risk in any complete
 * risk run whose as_of is in the range (once each; their first flag counts). Interaction:
 * their first ticket closed in the range on or after that first flag. Outcome `none` = no
 * interaction; otherwise retained / churned / pending W days after the interaction.
 * Grouped by the customer's plan or segment, or the interaction ticket's channel or agent
 * (customers without an interaction have group NULL then).
 */
export async function crrOutcomes(
  db: Database,
  options: KpiRange & { windowDays: number; nowMs: number; group?: KpiGroup },
): Promise<CrrOutcomeRow[]> {
  const d = sqlDialect(db.dialect);
  const [from, to] = [d.timestamp(options.fromMs), d.timestamp(options.toMs)];
  const outcome = outcomeSql({
    dialect: db.dialect,
    at: "t.closed_at",
    windowDays: checkWindowDays(options.windowDays),
    nowMs: options.nowMs,
  });
  const { column, groupBy } = groupSql(options.group ?? "none", "outcome");
  // The cohort drives: each cohort customer's tickets by the (customer_id, created_at) index.
  const { drivingJoin } = planHints(db.dialect);
  return db.reports.all<CrrOutcomeRow>(
    `WITH cohort AS (
       SELECT s.customer_id, MIN(r.as_of) AS flagged_at
       FROM risk_runs r JOIN risk_scores s ON s.run_id = r.id
       WHERE r.status = ? AND r.as_of >= ? AND r.as_of < ? AND s.at_risk = ?
       GROUP BY s.customer_id),
     closings AS (
       SELECT t.customer_id, t.closed_at, t.channel, t.agent_id,
         ROW_NUMBER() OVER (PARTITION BY t.customer_id ORDER BY t.closed_at, t.id) AS nth
       FROM cohort k ${drivingJoin} tickets t ON t.customer_id = k.customer_id
       WHERE t.closed_at >= k.flagged_at AND t.closed_at >= ? AND t.closed_at < ?),
     touch AS (SELECT customer_id, closed_at, channel, agent_id FROM closings WHERE nth = 1)
     SELECT ${column} AS grp,
       CASE WHEN t.customer_id IS NULL THEN '${Outcome.None}' ELSE ${outcome.sql} END AS outcome,
       COUNT(*) AS customers, MIN(t.closed_at) AS first_at, MAX(t.closed_at) AS last_at
     FROM cohort k
     JOIN customers c ON c.id = k.customer_id
     LEFT JOIN touch t ON t.customer_id = k.customer_id
     LEFT JOIN agents a ON a.id = t.agent_id
     ${groupBy}`,
    [RiskRunStatus.Complete, from, to, true, from, to, ...outcome.params],
  );
}
