import type { Database } from "../../database.ts";
import { sqlDialect } from "../../sql-dialect.ts";
import { RiskRunStatus } from "../risk-runs.ts";
import type { KpiRange } from "./kpi-sql.ts";

/** Complete risk runs whose as_of is in the range: tells "no run in P" from "nobody at risk" when a CRR cohort is empty. */
export async function countCompleteRuns(db: Database, range: KpiRange): Promise<number> {
  const d = sqlDialect(db.dialect);
  const [row] = await db.reports.all<{ runs: number }>(
    "SELECT COUNT(*) AS runs FROM risk_runs WHERE status = ? AND as_of >= ? AND as_of < ?",
    [RiskRunStatus.Complete, d.timestamp(range.fromMs), d.timestamp(range.toMs)],
  );
  return Number(row?.runs ?? 0);
}
