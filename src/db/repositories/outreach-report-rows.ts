import type { SqlClient, SqlValue } from "../sql-client.ts";

/** Follow-ups counted by play, month of the planned send (UTC, YYYY-MM), arm, status, reason and outcome. */
export interface FollowUpCountRow {
  play: string;
  month: string;
  arm: string;
  status: string;
  reason: string | null;
  outcome: string | null;
  /** Whether the retention window started (sent, or a held-out follow-up past its planned send). */
  windowed: boolean;
  n: number;
}

/** The counts the outreach report is built from, optionally for one play and a planned-send range [from, to). */
export async function countFollowUps(
  sql: SqlClient,
  filters: { play?: string; from?: Date; to?: Date } = {},
): Promise<FollowUpCountRow[]> {
  const month = sql.dialect === "sqlite" ? "substr(planned_at, 1, 7)" : "to_char(planned_at, 'YYYY-MM')";
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filters.play !== undefined) {
    where.push("play = ?");
    params.push(filters.play);
  }
  if (filters.from !== undefined) {
    where.push("planned_at >= ?");
    params.push(filters.from);
  }
  if (filters.to !== undefined) {
    where.push("planned_at < ?");
    params.push(filters.to);
  }
  const windowed = "CASE WHEN window_start IS NULL THEN 0 ELSE 1 END";
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT play, ${month} AS month, arm, status, reason, outcome, ${windowed} AS windowed, COUNT(*) AS n
     FROM outreach_follow_ups ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     GROUP BY play, ${month}, arm, status, reason, outcome, ${windowed}
     ORDER BY play, month`,
    params,
  );
  return rows.map((r) => ({
    play: String(r.play),
    month: String(r.month),
    arm: String(r.arm),
    status: String(r.status),
    reason: (r.reason as string | null) ?? null,
    outcome: (r.outcome as string | null) ?? null,
    windowed: Number(r.windowed) === 1,
    n: Number(r.n),
  }));
}
