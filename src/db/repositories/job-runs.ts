import { randomUUID } from "node:crypto";
import type { Database } from "../database.ts";
import { abandonedReason } from "../run-owner.ts";
import type { SqlValue } from "../sql-client.ts";

export const JobStatus = { Running: "running", Done: "done", Failed: "failed", Abandoned: "abandoned" } as const;

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

/** What a claim gives its owner: every later write of the run must present the token. */
export interface JobClaim {
  id: number;
  token: string;
}

interface RunningRow {
  id: number;
  run_key: string;
  status: string;
  instance: string;
  heartbeat_at: string | Date;
  claim_token: string | null;
}

/** `claim_token = ?`, or IS NULL for rows claimed before tokens existed. */
function sameToken(token: string | null): { sql: string; params: SqlValue[] } {
  return token === null ? { sql: "claim_token IS NULL", params: [] } : { sql: "claim_token = ?", params: [token] };
}

/**
 * Claims a job run by its deterministic key: the first instance to insert the key owns it
 * (a unique key, so racing instances cannot both win). A failed or abandoned run, or a running
 * one whose owner is gone or sent no heartbeat for `staleAfterMs`, can be claimed again: the
 * takeover is conditional on the claim it replaces, so of two takers one wins.
 */
export async function claimJobRun(
  db: Database,
  options: { job: string; runKey: string; instance: string; staleAfterMs: number },
): Promise<JobClaim | null> {
  const { job, runKey, instance, staleAfterMs } = options;
  const now = new Date();
  const token = randomUUID();
  const inserted = await db.sql.run(
    `INSERT INTO job_runs (job, run_key, status, instance, started_at, heartbeat_at, claim_token) ` +
      `VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_key) DO NOTHING`,
    [job, runKey, JobStatus.Running, instance, now, now, token],
  );
  const [row] = await db.sql.all<RunningRow>(
    "SELECT id, run_key, status, instance, heartbeat_at, claim_token FROM job_runs WHERE run_key = ?",
    [runKey],
  );
  if (inserted === 1) return { id: row.id, token };
  const stale =
    row.status === JobStatus.Running &&
    abandonedReason({ instance: row.instance, heartbeatAt: new Date(row.heartbeat_at) }, { now, staleAfterMs }) !==
      null;
  if (row.status !== JobStatus.Failed && row.status !== JobStatus.Abandoned && !stale) return null;
  const previous = sameToken(row.claim_token);
  const taken = await db.sql.run(
    `UPDATE job_runs SET status = ?, instance = ?, claim_token = ?, started_at = ?, heartbeat_at = ?, finished_at
      = NULL, duration_ms = NULL, counts = NULL, error = NULL
     WHERE id = ? AND status = ? AND heartbeat_at = ? AND ${previous.sql}`,
    [JobStatus.Running, instance, token, now, now, row.id, row.status, row.heartbeat_at, ...previous.params],
  );
  return taken === 1 ? { id: row.id, token } : null;
}

/** Tells other instances the run's owner is alive; false when the claim was taken over or abandoned meanwhile. */
export async function heartbeatJobRun(db: Database, claim: JobClaim): Promise<boolean> {
  const changed = await db.sql.run(
    "UPDATE job_runs SET heartbeat_at = ? WHERE id = ? AND claim_token = ? AND status = ?",
    [new Date(), claim.id, claim.token, JobStatus.Running],
  );
  return changed === 1;
}

/** Records how the run ended; false (nothing written) when this claim no longer owns the run. */
export async function finishJobRun(
  db: Database,
  claim: JobClaim,
  outcome: { status: string; counts?: unknown; error?: string; durationMs: number },
): Promise<boolean> {
  const changed = await db.sql.run(
    "UPDATE job_runs SET status = ?, finished_at = ?, duration_ms = ?, counts = ?, error = ? WHERE " +
      "id = ? AND claim_token = ? AND status = ?",
    [
      outcome.status,
      new Date(),
      Math.round(outcome.durationMs),
      outcome.counts === undefined ? null : JSON.stringify(outcome.counts),
      outcome.error ?? null,
      claim.id,
      claim.token,
      JobStatus.Running,
    ],
  );
  return changed === 1;
}

/**
 * Marks running job runs whose owner is gone, or silent for `staleAfterMs`, as abandoned, with
 * the reason in `error`; a run heartbeating or taken over meanwhile is left alone. Returns them.
 */
export async function abandonJobRuns(
  db: Database,
  options: { staleAfterMs: number; now?: Date },
): Promise<{ id: number; runKey: string; reason: string }[]> {
  const { staleAfterMs, now = new Date() } = options;
  const rows = await db.sql.all<RunningRow>(
    "SELECT id, run_key, status, instance, heartbeat_at, claim_token FROM job_runs WHERE status = ?",
    [JobStatus.Running],
  );
  const abandoned: { id: number; runKey: string; reason: string }[] = [];
  for (const row of rows) {
    const reason = abandonedReason(
      { instance: row.instance, heartbeatAt: new Date(row.heartbeat_at) },
      { now, staleAfterMs },
    );
    if (!reason) continue;
    const token = sameToken(row.claim_token);
    const changed = await db.sql.run(
      `UPDATE job_runs SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status = ? AND heartbeat_at = ? AND ${token.sql}`,
      [JobStatus.Abandoned, now, reason, row.id, JobStatus.Running, row.heartbeat_at, ...token.params],
    );
    if (changed === 1) abandoned.push({ id: row.id, runKey: row.run_key, reason });
  }
  return abandoned;
}

export async function listJobRuns(db: Database, job?: string, take = 30): Promise<JobRunRecord[]> {
  return db
    .prisma()
    .jobRun.findMany({ where: job ? { job } : {}, orderBy: { startedAt: "desc" }, take, omit: { claimToken: true } });
}
