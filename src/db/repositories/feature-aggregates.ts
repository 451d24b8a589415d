import type { Database } from "../database.ts";
import { sqlDialect } from "../sql-dialect.ts";

/** The span of usage history: which as-of dates features can be built for, which labels are known. */

/**
 * The first and last usage days: the span of history features can be built for. Read as the
 * ends of each customer's and metric's primary-key range (two index seeks each) rather than by
 * scanning every usage row: 0.3 s instead of 8 s on 67M rows.
 */
export async function usageSpan(db: Database): Promise<{ first: number | null; last: number | null }> {
  const [row] = await db.sql.all<{ first: number | null; last: number | null }>(
    `SELECT MIN(first) AS first, MAX(last) AS last FROM (
       SELECT (SELECT MIN(u.day) FROM usage u WHERE u.customer_id = c.id AND u.metric_id = m.id) AS first,
              (SELECT MAX(u.day) FROM usage u WHERE u.customer_id = c.id AND u.metric_id = m.id) AS last
       FROM customers c CROSS JOIN metrics m) ends`,
  );
  return { first: row?.first ?? null, last: row?.last ?? null };
}

/** When the ticket history begins (the first ticket's creation, ms), null without tickets: one index seek. */
export async function firstTicketMs(db: Database): Promise<number | null> {
  const d = sqlDialect(db.dialect);
  const [row] = await db.sql.all<{ ms: number | null }>(`SELECT ${d.epochMs("MIN(created_at)")} AS ms FROM tickets`);
  return row?.ms === null || row?.ms === undefined ? null : Number(row.ms);
}

/** The last day with usage data, for deciding which labels are known. */
export async function lastDataDay(db: Database): Promise<number | null> {
  return (await usageSpan(db)).last;
}

/** Every usage metric name, sorted: the same metric columns at every as-of date. */
export async function listMetricNames(db: Database): Promise<string[]> {
  const rows = await db.sql.all<{ name: string }>("SELECT name FROM metrics ORDER BY name");
  return rows.map((r) => r.name);
}
