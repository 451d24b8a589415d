import type { SqlClient } from "../sql-client.ts";
import { placeholders } from "./outreach-row-values.ts";

/** The status (running, done, failed, abandoned) of each of these job runs that exists, by run key; read 500 keys at a time. */
export async function listJobRunStatuses(sql: SqlClient, runKeys: readonly string[]): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (let i = 0; i < runKeys.length; i += 500) {
    const keys = runKeys.slice(i, i + 500);
    const rows = await sql.all<{ run_key: string; status: string }>(
      `SELECT run_key, status FROM job_runs WHERE run_key IN ${placeholders(keys.length)}`,
      [...keys],
    );
    for (const r of rows) statuses.set(r.run_key, r.status);
  }
  return statuses;
}
