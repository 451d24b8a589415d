import type { SqlClient } from "../sql-client.ts";
import { LIST_FROM, whereClause, type RunFilters } from "./at-risk-filters.ts";
import { asDate } from "./outreach-row-values.ts";

/** What the next renewal of a listed customer is computed from. */
export interface RenewalKey {
  customerId: number;
  /** The signup instant, ms since the epoch. */
  signupMs: number;
  plan: string | null;
}

/**
 * The customer id, signup date and plan of every customer of a run passing the filters (no order): the renewal
 * date is computed from them outside SQL (src/features' rule), so the list sorted by renewal is ranked from these.
 * Streamed row by row (a whole run of 20k rows costs a few milliseconds).
 */
export async function listAtRiskRenewalKeys(sql: SqlClient, q: RunFilters): Promise<RenewalKey[]> {
  const where = whereClause(q);
  const keys: RenewalKey[] = [];
  await sql.eachRow(
    `SELECT s.customer_id AS customer_id, c.signup_date AS signup_date, c.plan AS plan ${LIST_FROM} WHERE ${where.sql}`,
    where.params,
    (v) => {
      keys.push({ customerId: Number(v[0]), signupMs: asDate(v[1]).getTime(), plan: (v[2] as string | null) ?? null });
    },
  );
  return keys;
}
