import type { Database } from "../db/index.ts";
import { abandonJobRuns, listJobRuns, type JobRunRecord } from "../db/repositories/job-runs.ts";
import { abandonRiskRuns } from "../db/repositories/risk-runs.ts";
import { ABANDONED_AFTER_MS } from "../db/run-owner.ts";

/**
 * Recent job runs, newest first. A run whose process died (gone from this host, or no
 * heartbeat for `staleAfterMs`, default 10 min) reads as abandoned, never as running; the
 * risk run it left building is marked abandoned too and its scores removed.
 */
export async function listRecentJobRuns(options: {
  db: Database;
  take?: number;
  staleAfterMs?: number;
}): Promise<JobRunRecord[]> {
  const { db, take = 30, staleAfterMs = ABANDONED_AFTER_MS } = options;
  await abandonJobRuns(db, { staleAfterMs });
  await abandonRiskRuns(db, { staleAfterMs });
  return listJobRuns(db, undefined, take);
}
