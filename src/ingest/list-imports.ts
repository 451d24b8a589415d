import type { Database } from "../db/database.ts";
import { abandonImportRuns, listImportRuns } from "../db/repositories/import-runs.ts";
import { ABANDONED_AFTER_MS } from "../db/run-owner.ts";

/**
 * The import history, newest first: an import whose process died (gone from this host, or
 * no heartbeat for `staleAfterMs`, default 10 min) reads as abandoned, never as running.
 */
export async function listImports(options: { db: Database; take?: number; staleAfterMs?: number }) {
  const { db, take = 20, staleAfterMs = ABANDONED_AFTER_MS } = options;
  await abandonImportRuns(db, { staleAfterMs });
  return listImportRuns(db, take);
}
