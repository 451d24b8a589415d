import { hostname } from "node:os";
import type { Database } from "../db/index.ts";
import { dayToIsoDate } from "../db/index.ts";
import { claimJobRun, finishJobRun, heartbeatJobRun, JobStatus } from "../db/repositories/job-runs.ts";
import { moduleLogger } from "../logger.ts";
import { scoreCustomers, type ScoreResult } from "./score-customers.ts";

const log = moduleLogger("nightly-scoring");
export const NIGHTLY_SCORING_JOB = "nightly-scoring";

/** This process, as other instances see it in job_runs. */
export const INSTANCE_ID = `${hostname()}:${process.pid}`;

export type NightlyOutcome =
  | { status: "done"; runKey: string; result: ScoreResult }
  | { status: "skipped"; runKey: string; reason: string }
  | { status: "failed"; runKey: string; error: string };

/**
 * The nightly scoring of one as-of day, claimed in the database under the key
 * `nightly-scoring:<date>` so that with several instances exactly one scores each date.
 * Recorded as a job run with status, duration and counts.
 */
export async function runNightlyScoring(options: {
  db: Database;
  asOfDay: number;
  rule?: string;
  backend?: string;
  instance?: string;
  /** A running claim without a heartbeat for this long is taken over (default 10 min). */
  staleAfterMs?: number;
  heartbeatMs?: number;
}): Promise<NightlyOutcome> {
  const { db, asOfDay, instance = INSTANCE_ID, staleAfterMs = 600_000, heartbeatMs = 30_000 } = options;
  const runKey = `${NIGHTLY_SCORING_JOB}:${dayToIsoDate(asOfDay)}`;
  const id = await claimJobRun(db, { job: NIGHTLY_SCORING_JOB, runKey, instance, staleAfterMs });
  if (id === null) {
    log.info({ runKey }, "already claimed or done elsewhere; skipping");
    return { status: "skipped", runKey, reason: "claimed or done by another run" };
  }
  const started = performance.now();
  const heartbeat = setInterval(() => heartbeatJobRun(db, id).catch((e) => log.warn({ err: e }, "heartbeat failed")), heartbeatMs);
  try {
    const result = await scoreCustomers({ db, asOfDay, rule: options.rule, backend: options.backend });
    const counts = { runId: result.runId, scored: result.scored, atRisk: result.atRisk, bands: result.bands, modelVersion: result.modelVersion };
    await finishJobRun(db, id, { status: JobStatus.Done, counts, durationMs: performance.now() - started });
    return { status: "done", runKey, result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishJobRun(db, id, { status: JobStatus.Failed, error: message, durationMs: performance.now() - started });
    log.error({ runKey, err: error }, "nightly scoring failed");
    return { status: "failed", runKey, error: message };
  } finally {
    clearInterval(heartbeat);
  }
}
