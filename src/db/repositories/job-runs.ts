import type { Database } from "../database.ts";

export const JobStatus = { Running: "running", Done: "done", Failed: "failed" } as const;

export interface JobRunRecord {
  id: number;
  job: string;
  runKey: string;
  status: string;
  instance: string;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  counts: string | null;
  error: string | null;
}

/**
 * Claims a job run by its deterministic key: the first instance to insert the key owns it
 * (a unique key, so racing instances cannot both win). A failed run, or a running one whose
 * owner stopped sending heartbeats for `staleAfterMs`, can be claimed again.
 */
export async function claimJobRun(db: Database, options: { job: string; runKey: string; instance: string; staleAfterMs: number }): Promise<number | null> {
  const { job, runKey, instance, staleAfterMs } = options;
  const now = new Date();
  const inserted = await db.sql.run(
    `INSERT INTO job_runs (job, run_key, status, instance, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_key) DO NOTHING`,
    [job, runKey, JobStatus.Running, instance, now, now],
  );
  const [row] = await db.sql.all<{ id: number; status: string; heartbeat_at: string | Date; instance: string }>(
    "SELECT id, status, heartbeat_at, instance FROM job_runs WHERE run_key = ?",
    [runKey],
  );
  if (inserted === 1) return row.id;
  const heartbeat = new Date(row.heartbeat_at);
  const stale = row.status === JobStatus.Running && now.getTime() - heartbeat.getTime() > staleAfterMs;
  if (row.status !== JobStatus.Failed && !stale) return null;
  const taken = await db.sql.run(
    `UPDATE job_runs SET status = ?, instance = ?, started_at = ?, heartbeat_at = ?, finished_at = NULL, error = NULL
     WHERE id = ? AND status = ? AND heartbeat_at = ?`,
    [JobStatus.Running, instance, now, now, row.id, row.status, heartbeat],
  );
  return taken === 1 ? row.id : null;
}

/** Tells other instances the run's owner is alive. */
export async function heartbeatJobRun(db: Database, id: number): Promise<void> {
  await db.sql.run("UPDATE job_runs SET heartbeat_at = ? WHERE id = ?", [new Date(), id]);
}

export async function finishJobRun(db: Database, id: number, outcome: { status: string; counts?: unknown; error?: string; durationMs: number }): Promise<void> {
  await db.sql.run("UPDATE job_runs SET status = ?, finished_at = ?, duration_ms = ?, counts = ?, error = ? WHERE id = ?", [
    outcome.status, new Date(), Math.round(outcome.durationMs), outcome.counts === undefined ? null : JSON.stringify(outcome.counts), outcome.error ?? null, id,
  ]);
}

export async function findJobRun(db: Database, runKey: string): Promise<JobRunRecord | null> {
  return db.prisma().jobRun.findUnique({ where: { runKey } });
}

export async function listJobRuns(db: Database, job?: string, take = 30): Promise<JobRunRecord[]> {
  return db.prisma().jobRun.findMany({ where: job ? { job } : {}, orderBy: { startedAt: "desc" }, take });
}
