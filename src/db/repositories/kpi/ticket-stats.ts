import type { Database } from "../../database.ts";
import { sqlDialect } from "../../sql-dialect.ts";
import { groupSql, type KpiRange } from "./kpi-sql.ts";

export interface TicketStatsRow {
  grp: string | null;
  created: number;
  /** Resolved or closed (COALESCE(resolved_at, closed_at)) before the end of the range. */
  resolved_by_end: number;
}

const DONE = "COALESCE(t.resolved_at, t.closed_at)";

/**
 * Counts of tickets created in the range, per channel or per agent (agent NULL =
 * unassigned). Durations come from ticketDurations: the medians need every value anyway.
 */
export async function ticketStats(db: Database, options: KpiRange & { group: "channel" | "agent" }): Promise<TicketStatsRow[]> {
  const d = sqlDialect(db.dialect);
  const [from, to] = [d.timestamp(options.fromMs), d.timestamp(options.toMs)];
  const { column, groupBy } = groupSql(options.group);
  const join = options.group === "agent" ? "LEFT JOIN agents a ON a.id = t.agent_id" : "";
  return db.reports.all<TicketStatsRow>(
    `SELECT ${column} AS grp, COUNT(*) AS created, SUM(CASE WHEN ${DONE} < ? THEN 1 ELSE 0 END) AS resolved_by_end
     FROM tickets t ${join}
     WHERE t.created_at >= ? AND t.created_at < ?
     ${groupBy}`,
    [to, from, to],
  );
}

export interface TicketDurationRow {
  grp: string | null;
  /** Hours to the first response, null without one. */
  frt: number | null;
  /** Hours to COALESCE(resolved_at, closed_at), null when neither. */
  res: number | null;
}

/**
 * Raw first-response and resolution hours of the tickets created in the range that have
 * either: medians need every value (means come from the same values). One row per ticket,
 * so each timestamp is parsed once.
 */
export async function ticketDurations(db: Database, options: KpiRange & { group?: "none" | "channel" | "agent" }): Promise<TicketDurationRow[]> {
  const d = sqlDialect(db.dialect);
  const group = options.group ?? "none";
  const { column } = groupSql(group);
  const join = group === "agent" ? "LEFT JOIN agents a ON a.id = t.agent_id" : "";
  return db.reports.all<TicketDurationRow>(
    `SELECT ${column} AS grp, ${d.hoursBetween("t.created_at", "t.first_response_at")} AS frt, ${d.hoursBetween("t.created_at", DONE)} AS res
     FROM tickets t ${join}
     WHERE t.created_at >= ? AND t.created_at < ? AND (t.first_response_at IS NOT NULL OR ${DONE} IS NOT NULL)`,
    [d.timestamp(options.fromMs), d.timestamp(options.toMs)],
  );
}
