import type { Database } from "../database.ts";
import { sqlDialect } from "../sql-dialect.ts";

const MS_PER_DAY = 86_400_000;

/**
 * Customers who are customers at each as-of day (signed up before it, not churned on or before
 * it), summed over the days: the rows database training would read, counted before reading them.
 */
export async function countCustomerDays(db: Database, asOfDays: readonly number[]): Promise<number> {
  const d = sqlDialect(db.dialect);
  const rows = await db.sql.all<{ signup_ms: number | string; churn_ms: number | string | null }>(
    `SELECT ${d.epochMs("signup_date")} AS signup_ms, ${d.epochMs("churn_date")} AS churn_ms FROM customers`,
  );
  let total = 0;
  for (const r of rows) {
    const signup = Number(r.signup_ms);
    const churn = r.churn_ms === null ? Number.POSITIVE_INFINITY : Number(r.churn_ms);
    for (const day of asOfDays) if (signup < day * MS_PER_DAY && churn > day * MS_PER_DAY) total++;
  }
  return total;
}
