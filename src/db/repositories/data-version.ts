import type { Database } from "../database.ts";
import { RiskRunStatus } from "./risk-runs.ts";

/**
 * What the KPIs were computed from, as far as imports and scoring go: the latest finished import
 * and the latest complete risk run (by when they finished). Any process may have written them
 * (the CLI, the nightly job, another server), so comparing two versions tells whether a report
 * predates new data; records sent to this process's HTTP ingest count too (another server's show
 * at the cache's next refresh by age).
 */
export interface DataVersion {
  import: { id: number; finishedAt: Date } | null;
  riskRun: { id: number; asOf: Date; finishedAt: Date } | null;
  /** Record batches ingested by this process without an import run (see Database.ingests). */
  ingests: { count: number; lastAt: Date | null };
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * The data version, in one query of two index seeks (import_runs_finished_at_idx, and the risk
 * runs' handful of complete rows). On the main connection, not db.reports: it must not wait
 * behind a report in progress.
 */
export async function readDataVersion(db: Database): Promise<DataVersion> {
  const [row] = await db.sql.all<{
    import_id: number | null;
    import_finished_at: Date | string | null;
    run_id: number | null;
    run_as_of: Date | string | null;
    run_finished_at: Date | string | null;
  }>(
    `SELECT i.id AS import_id, i.finished_at AS import_finished_at,
       r.id AS run_id, r.as_of AS run_as_of, r.finished_at AS run_finished_at
     FROM (SELECT 1 AS one) x
     LEFT JOIN (SELECT id, finished_at FROM import_runs WHERE finished_at IS NOT NULL
       ORDER BY finished_at DESC, id DESC LIMIT 1) i ON 1 = 1
     LEFT JOIN (SELECT id, as_of, finished_at FROM risk_runs WHERE status = ? AND finished_at IS NOT NULL
       ORDER BY finished_at DESC, id DESC LIMIT 1) r ON 1 = 1`,
    [RiskRunStatus.Complete],
  );
  return {
    import:
      row?.import_id != null && row.import_finished_at
        ? { id: Number(row.import_id), finishedAt: toDate(row.import_finished_at) }
        : null,
    riskRun:
      row?.run_id != null && row.run_as_of && row.run_finished_at
        ? { id: Number(row.run_id), asOf: toDate(row.run_as_of), finishedAt: toDate(row.run_finished_at) }
        : null,
    ingests: { ...db.ingests },
  };
}
