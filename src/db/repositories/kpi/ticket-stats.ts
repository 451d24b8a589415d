import type { Database } from "../../database.ts";
import { sqlDialect } from "../../sql-dialect.ts";
import { groupSql, type KpiRange } from "./kpi-sql.ts";

export interface TicketStatsRow {
  grp: string | null;
  created: number;
  /** Tickets with a first response, and the sum of their first-response hours. */
  frt_n: number;
  frt_hours: number;
  /** Tickets resolved or closed (COALESCE(resolved_at, closed_at)), and the sum of their hours. */
  res_n: number;
  res_hours: number;
  /** Resolved or closed before the end of the range. */
  resolved_by_end: number;
}

const DONE = "COALESCE(t.resolved_at, t.closed_at)";

/**
 * Tickets created in the range, per channel or per agent: counts and sums of hours, so
 * totals and means can be added up across groups. Agent `NULL` = unassigned.
 */
export async function ticketStats(db: Database, options: KpiRange & { group: "channel" | "agent" }): Promise<TicketStatsRow[]> {
  const d = sqlDialect(db.dialect);
  const [from, to] = [d.timestamp(options.fromMs), d.timestamp(options.toMs)];
  const { column, groupBy } = groupSql(options.group);
  const join = options.group === "agent" ? "LEFT JOIN agents a ON a.id = t.agent_id" : "";
  return db.sql.all<TicketStatsRow>(
    `SELECT ${column} AS grp, COUNT(*) AS created,
       COUNT(t.first_response_at) AS frt_n,
       COALESCE(SUM(${d.hoursBetween("t.created_at", "t.first_response_at")}), 0) AS frt_hours,
       COUNT(${DONE}) AS res_n,
       COALESCE(SUM(${d.hoursBetween("t.created_at", DONE)}), 0) AS res_hours,
       SUM(CASE WHEN ${DONE} < ? THEN 1 ELSE 0 END) AS resolved_by_end
     FROM tickets t ${join}
     WHERE t.created_at >= ? AND t.created_at < ?
     ${groupBy}`,
    [to, from, to],
  );
}

export interface TicketMedianRow {
  grp: string | null;
  metric: "frt" | "res";
  median_hours: number;
}

/**
 * Median first-response and resolution hours of tickets created in the range, computed in
 * SQL (the middle row, or the mean of the two middle rows, of each sorted group).
 */
export async function ticketMedians(db: Database, options: KpiRange & { group?: "none" | "channel" | "agent" }): Promise<TicketMedianRow[]> {
  const d = sqlDialect(db.dialect);
  const [from, to] = [d.timestamp(options.fromMs), d.timestamp(options.toMs)];
  const group = options.group ?? "none";
  const { column } = groupSql(group);
  const join = group === "agent" ? "LEFT JOIN agents a ON a.id = t.agent_id" : "";
  const hours = (metric: string, end: string) =>
    `SELECT ${column} AS grp, '${metric}' AS metric, ${d.hoursBetween("t.created_at", end)} AS x
     FROM tickets t ${join} WHERE t.created_at >= ? AND t.created_at < ? AND ${end} IS NOT NULL`;
  return db.sql.all<TicketMedianRow>(
    `WITH d AS (${hours("frt", "t.first_response_at")} UNION ALL ${hours("res", DONE)}),
     ranked AS (
       SELECT grp, metric, x,
         ROW_NUMBER() OVER (PARTITION BY metric, grp ORDER BY x) AS k,
         COUNT(*) OVER (PARTITION BY metric, grp) AS n
       FROM d)
     SELECT grp, metric, AVG(x) AS median_hours FROM ranked
     WHERE k = (n + 1) / 2 OR k = (n + 2) / 2
     GROUP BY grp, metric`,
    [from, to, from, to],
  );
}
