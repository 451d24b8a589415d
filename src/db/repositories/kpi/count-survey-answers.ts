import type { Database } from "../../database.ts";
import { sqlDialect } from "../../sql-dialect.ts";
import { groupSql, type CustomerGroup, type KpiRange } from "./kpi-sql.ts";

export interface SurveyCountRow {
  grp: string | null;
  kind: "csat" | "nps" | "ces";
  answers: number;
  /** CSAT 4–5 or NPS 9–10 (promoters). */
  top: number;
  /** NPS 0–6 (detractors). */
  low: number;
  score_sum: number;
}

/** Survey answers given in the range, per kind (and per customer plan or segment). */
export async function countSurveyAnswers(
  db: Database,
  options: KpiRange & { group?: CustomerGroup },
): Promise<SurveyCountRow[]> {
  const d = sqlDialect(db.dialect);
  const group = options.group ?? "none";
  const { column, groupBy } = groupSql(group, "s.kind");
  const join = group === "none" ? "" : "JOIN customers c ON c.id = s.customer_id";
  return db.reports.all<SurveyCountRow>(
    `SELECT ${column} AS grp, s.kind AS kind, COUNT(*) AS answers,
       SUM(CASE WHEN (s.kind = 'csat' AND s.score >= 4) OR (s.kind = 'nps' AND s.score >= 9) THEN 1 ELSE 0 END) AS top,
       SUM(CASE WHEN s.kind = 'nps' AND s.score <= 6 THEN 1 ELSE 0 END) AS low,
       SUM(s.score) AS score_sum
     FROM surveys s ${join}
     WHERE s.responded_at >= ? AND s.responded_at < ?
     ${groupBy}`,
    [d.timestamp(options.fromMs), d.timestamp(options.toMs)],
  );
}
