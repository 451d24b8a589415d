import type { Database } from "../../database.ts";
import { sqlDialect } from "../../sql-dialect.ts";
import { groupSql, type KpiRange } from "./kpi-sql.ts";

export interface TicketFactRow {
  /** The ticket's channel, or its agent's external id (null = unassigned). */
  grp: string | null;
  /** Hours to the first response, null without one. */
  frt: number | null;
  /** Hours to COALESCE(resolved_at, closed_at), null when neither. */
  res: number | null;
  /** 1 when resolved or closed before the end of the range, else 0. */
  done_by_end: number;
}

const DONE = "COALESCE(t.resolved_at, t.closed_at)";
/**
 * Past this share of the tickets' created_at span a range is read by one scan of the table:
 * the created_at index costs a random row lookup per ticket (about 20 times a scanned row).
 */
const SCAN_SHARE = 0.05;

/**
 * One row per ticket created in the range, per channel or agent: the counts (created,
 * resolved by the end) and the medians (which need every value) come from one read of
 * the tickets instead of two.
 */
export async function ticketFacts(
  db: Database,
  options: KpiRange & { group: "channel" | "agent" },
): Promise<TicketFactRow[]> {
  const d = sqlDialect(db.dialect);
  const [from, to] = [d.timestamp(options.fromMs), d.timestamp(options.toMs)];
  const { column } = groupSql(options.group);
  const join = options.group === "agent" ? "LEFT JOIN agents a ON a.id = t.agent_id" : "";
  const table = (await coversMuchOfTickets(db, options)) ? d.fullScan("tickets t") : "tickets t";
  return db.reports.all<TicketFactRow>(
    `SELECT ${column} AS grp, ${d.hoursBetween("t.created_at", "t.first_response_at")} AS frt,
      ${d.hoursBetween("t.created_at", DONE)} AS res,
       CASE WHEN ${DONE} < ? THEN 1 ELSE 0 END AS done_by_end
     FROM ${table} ${join}
     WHERE t.created_at >= ? AND t.created_at < ?`,
    [to, from, to],
  );
}

/** Whether the range covers SCAN_SHARE or more of the tickets' created_at span (SQLite only: PostgreSQL plans by statistics). */
async function coversMuchOfTickets(db: Database, range: KpiRange): Promise<boolean> {
  if (db.dialect !== "sqlite") return false;
  // Two subqueries: SQLite answers a lone MIN or MAX from the index in one seek each.
  const [span] = await db.reports.all<{ first: string | null; last: string | null }>(
    "SELECT (SELECT MIN(created_at) FROM tickets) AS first, (SELECT MAX(created_at) FROM tickets) AS last",
  );
  if (!span?.first || !span.last) return false;
  const [first, last] = [Date.parse(span.first), Date.parse(span.last)];
  const covered = Math.min(range.toMs, last) - Math.max(range.fromMs, first);
  return covered >= SCAN_SHARE * Math.max(last - first, 1);
}
