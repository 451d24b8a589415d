import type { Database } from "../../database.ts";
import { sqlDialect } from "../../sql-dialect.ts";
import { checkWindowDays, firstTicketSql, outcomeSql, type KpiRange, type OutcomeCountRow } from "./kpi-sql.ts";

/** Resolution-time buckets: upper bounds in hours (the last bucket is open-ended). */
export const RESOLUTION_BUCKET_HOURS = [4, 24, 72, 168] as const;

const DONE = "COALESCE(t.resolved_at, t.closed_at)";

export interface SupportOutcomeRow {
  /** Resolution-time bucket index 0–4 (see RESOLUTION_BUCKET_HOURS). */
  bucket: number;
  channel: string;
  outcome: OutcomeCountRow["outcome"];
  customers: number;
}

/**
 * Customers with a ticket resolved (COALESCE(resolved_at, closed_at)) in the range, by
 * outcome W days after the resolution of their first such ticket, grouped by that ticket's
 * resolution-time bucket and channel. The tickets are read from tickets_kpi_done_idx alone.
 */
export async function supportOutcomes(
  db: Database,
  options: KpiRange & { windowDays: number; nowMs: number },
): Promise<SupportOutcomeRow[]> {
  const d = sqlDialect(db.dialect);
  const outcome = outcomeSql({
    dialect: db.dialect,
    at: "f.done",
    windowDays: checkWindowDays(options.windowDays),
    nowMs: options.nowMs,
  });
  const bucket =
    `CASE ${RESOLUTION_BUCKET_HOURS.map((h, i) => `WHEN f.ms < ${h * 3_600_000} THEN ${i}`).join(" ")} ` +
    `ELSE ${RESOLUTION_BUCKET_HOURS.length} END`;
  const first = firstTicketSql(db.dialect, {
    columns: { customer_id: "t.customer_id", channel: "t.channel", created_at: "t.created_at" },
    at: DONE,
    atAs: "done",
    from: "tickets t",
    where: `${DONE} >= ? AND ${DONE} < ?`,
    group: "t.customer_id",
  });
  return db.reports.all<SupportOutcomeRow>(
    `WITH firsts AS (${first}),
     f AS (SELECT customer_id, channel, done, ${d.msBetween("created_at", "done")} AS ms FROM firsts)
     SELECT ${bucket} AS bucket, f.channel AS channel, ${outcome.sql} AS outcome, COUNT(*) AS customers
     FROM f JOIN customers c ON c.id = f.customer_id
     GROUP BY bucket, f.channel, outcome`,
    [d.timestamp(options.fromMs), d.timestamp(options.toMs), ...outcome.params],
  );
}

export interface AgentOutcomeRow extends OutcomeCountRow {
  name: string | null;
}

/**
 * Per agent, the customers they served (closed a ticket of in the range), by outcome W days
 * after the first ticket that agent closed for them in the range (from tickets_kpi_closed_idx
 * alone); agents are joined once per count, not per customer served.
 */
export async function agentOutcomes(
  db: Database,
  options: KpiRange & { windowDays: number; nowMs: number },
): Promise<AgentOutcomeRow[]> {
  const d = sqlDialect(db.dialect);
  const outcome = outcomeSql({
    dialect: db.dialect,
    at: "v.closed_at",
    windowDays: checkWindowDays(options.windowDays),
    nowMs: options.nowMs,
  });
  return db.reports.all<AgentOutcomeRow>(
    `WITH served AS (
       SELECT t.agent_id, t.customer_id, MIN(t.closed_at) AS closed_at
       FROM tickets t
       WHERE t.closed_at >= ? AND t.closed_at < ? AND t.agent_id IS NOT NULL
       GROUP BY t.agent_id, t.customer_id),
     counted AS (
       SELECT v.agent_id, ${outcome.sql} AS outcome, COUNT(*) AS customers
       FROM served v JOIN customers c ON c.id = v.customer_id
       GROUP BY v.agent_id, outcome)
     SELECT a.external_id AS grp, a.name AS name, n.outcome, n.customers
     FROM counted n JOIN agents a ON a.id = n.agent_id`,
    [d.timestamp(options.fromMs), d.timestamp(options.toMs), ...outcome.params],
  );
}
