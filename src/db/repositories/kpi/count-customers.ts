import type { Database } from "../../database.ts";
import { sqlDialect } from "../../sql-dialect.ts";
import { groupSql, type CustomerGroup, type KpiRange } from "./kpi-sql.ts";

export interface CustomerCountRow {
  grp: string | null;
  /** Customers at the start of the range: signed up before it, not churned before it. */
  at_start: number;
  /** Customers at the end: signed up before the end, not churned before it. */
  at_end: number;
  /** Signed up within the range. */
  new_customers: number;
  /** churn_date (first day no longer a customer) within the range. */
  churned: number;
  mrr_at_start: number;
  mrr_churned: number;
}

/**
 * Customer counts and MRR for retention, churn and revenue churn, in one pass over
 * customers. With these definitions at_end = at_start + new_customers − churned exactly.
 */
export async function countCustomers(
  db: Database,
  options: KpiRange & { group?: CustomerGroup },
): Promise<CustomerCountRow[]> {
  const d = sqlDialect(db.dialect);
  const [from, to] = [d.timestamp(options.fromMs), d.timestamp(options.toMs)];
  const { column, groupBy } = groupSql(options.group ?? "none");
  const atStart = "c.signup_date < ? AND (c.churn_date IS NULL OR c.churn_date >= ?)";
  const churned = "c.churn_date >= ? AND c.churn_date < ?";
  return db.reports.all<CustomerCountRow>(
    `SELECT ${column} AS grp,
       SUM(CASE WHEN ${atStart} THEN 1 ELSE 0 END) AS at_start,
       SUM(CASE WHEN c.churn_date IS NULL OR c.churn_date >= ? THEN 1 ELSE 0 END) AS at_end,
       SUM(CASE WHEN c.signup_date >= ? THEN 1 ELSE 0 END) AS new_customers,
       SUM(CASE WHEN ${churned} THEN 1 ELSE 0 END) AS churned,
       COALESCE(SUM(CASE WHEN ${atStart} THEN c.mrr ELSE 0 END), 0) AS mrr_at_start,
       COALESCE(SUM(CASE WHEN ${churned} THEN c.mrr ELSE 0 END), 0) AS mrr_churned
     FROM customers c
     WHERE c.signup_date < ?
     ${groupBy}`,
    [from, from, to, from, from, to, from, from, from, to, to],
  );
}
