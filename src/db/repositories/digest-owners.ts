import type { SqlClient, SqlValue } from "../sql-client.ts";
import { placeholders } from "./outreach-row-values.ts";

/** A customer's owner: the customer_state override, else the imported owner_email (both stored lowercased). */
export const OWNER_EMAIL = "COALESCE(cs.owner_email, c.owner_email)";

/** Customers (`c`) with their state (`cs`), the FROM of every digest query about a customer. */
export const CUSTOMER_FROM = "customers c LEFT JOIN customer_state cs ON cs.customer_id = c.id";

/** A customer not churned at the parameter's instant. */
export const NOT_CHURNED = "(c.churn_date IS NULL OR c.churn_date > ?)";

/** A customer not snoozed at the parameter's instant (the at-risk list's rule). */
export const NOT_SNOOZED = "(cs.snoozed_until IS NULL OR cs.snoozed_until <= ?)";

/**
 * `JOIN users u` on the owner email `ownerSql` to an active user with one of `roles`: every digest section
 * is read for all of its recipients at once, each row tagged with `u.id`.
 */
export function ownerUserJoin(roles: readonly string[], ownerSql = OWNER_EMAIL): { sql: string; params: SqlValue[] } {
  return {
    sql: `JOIN users u ON u.email = ${ownerSql} AND u.disabled_at IS NULL AND u.role IN ${placeholders(roles.length)}`,
    params: [...roles],
  };
}

/** A section's rows of one owner, cut to a limit, with how many there are in all. */
export interface OwnerSection<Row> {
  rows: Row[];
  total: number;
}

/** Rows ranked per owner (columns `user_id`, `position` order, `total`) → each owner's section by user id. */
export function groupRanked<Row>(
  rows: Record<string, unknown>[],
  toRow: (r: Record<string, unknown>) => Row,
): Map<number, OwnerSection<Row>> {
  const byOwner = new Map<number, OwnerSection<Row>>();
  for (const r of rows) {
    const userId = Number(r.user_id);
    const section = byOwner.get(userId) ?? { rows: [], total: Number(r.total) };
    section.rows.push(toRow(r));
    byOwner.set(userId, section);
  }
  return byOwner;
}

/** Someone who gets the digest: an active user of an owner role who owns at least one customer not churned. */
export interface DigestRecipientRow {
  userId: number;
  email: string;
  name: string;
  /** Customers they own (not churned). */
  accounts: number;
}

/** The digest's recipients, by name: active users with one of `roles` who own at least one customer not churned at `now`. */
export async function listDigestRecipients(
  sql: SqlClient,
  options: { roles: readonly string[]; now: Date },
): Promise<DigestRecipientRow[]> {
  const owner = ownerUserJoin(options.roles);
  const rows = await sql.all<{ id: number; email: string; name: string; accounts: number }>(
    `SELECT u.id AS id, u.email AS email, u.name AS name, COUNT(*) AS accounts
     FROM ${CUSTOMER_FROM} ${owner.sql}
     WHERE ${NOT_CHURNED}
     GROUP BY u.id, u.email, u.name ORDER BY u.name, u.id`,
    [...owner.params, options.now],
  );
  return rows.map((r) => ({ userId: Number(r.id), email: r.email, name: r.name, accounts: Number(r.accounts) }));
}
