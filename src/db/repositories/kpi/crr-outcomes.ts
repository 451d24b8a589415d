import type { Database } from "../../database.ts";
import { sqlDialect } from "../../sql-dialect.ts";
import { RiskRunStatus } from "../risk-runs.ts";
import {
  checkWindowDays,
  firstTicketSql,
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
  // The tickets closed in the range drive (tickets_kpi_closed_idx holds every column read), each
  // looked up in the cohort: bounded by one read of the range, where driving from the cohort
  // reads each cohort customer's every ticket row.
  const { drivingJoin } = planHints(db.dialect);
  const touch = firstTicketSql(db.dialect, {
    columns: { customer_id: "t.customer_id", channel: "t.channel", agent_id: "t.agent_id" },
    at: "t.closed_at",
    atAs: "closed_at",
    from: `tickets t ${drivingJoin} cohort k ON k.customer_id = t.customer_id`,
    where: "t.closed_at >= ? AND t.closed_at < ? AND t.closed_at >= k.flagged_at",
    group: "t.customer_id",
  });
  return db.reports.all<CrrOutcomeRow>(
    `WITH cohort AS (
       SELECT s.customer_id, MIN(r.as_of) AS flagged_at
       FROM risk_runs r JOIN risk_scores s ON s.run_id = r.id
       WHERE r.status = ? AND r.as_of >= ? AND r.as_of < ? AND s.at_risk = ?
       GROUP BY s.customer_id),
     touch AS (${touch})
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
