import type { Database } from "../db/index.ts";
import { dayToIsoDate } from "../db/index.ts";
import { abandonJobRuns, claimJobRun, finishJobRun, heartbeatJobRun, JobStatus } from "../db/repositories/job-runs.ts";
import { ABANDONED_AFTER_MS, HEARTBEAT_MS, INSTANCE_ID } from "../db/run-owner.ts";
import { moduleLogger } from "../logger.ts";
import { refreshRunOutcomes } from "../monitoring/index.ts";
import { scoreCustomers, type ScoreResult } from "./score-customers.ts";

const log = moduleLogger("nightly-scoring");
export const NIGHTLY_SCORING_JOB = "nightly-scoring";

/** This process, as other instances see it in job_runs. */
export { INSTANCE_ID };

export type NightlyOutcome =
  | { status: "done"; runKey: string; result: ScoreResult }
  | { status: "skipped"; runKey: string; reason: string }
  | { status: "failed"; runKey: string; error: string };

/**
 * The nightly scoring of one as-of day, claimed in the database under the key
 * `nightly-scoring:<date>` so that with several instances exactly one scores each date.
 * Recorded as a job run with status, duration and counts. Runs of dead owners are first marked
 * abandoned; a claim taken over meanwhile (this process stalled) records nothing and fails.
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
  const {
    db,
    asOfDay,
    instance = INSTANCE_ID,
    staleAfterMs = ABANDONED_AFTER_MS,
    heartbeatMs = HEARTBEAT_MS,
  } = options;
  const runKey = `${NIGHTLY_SCORING_JOB}:${dayToIsoDate(asOfDay)}`;
  for (const run of await abandonJobRuns(db, { staleAfterMs })) log.warn(run, "an earlier job run was abandoned");
  const claim = await claimJobRun(db, { job: NIGHTLY_SCORING_JOB, runKey, instance, staleAfterMs });
  if (claim === null) {
    log.info({ runKey }, "already claimed or done elsewhere; skipping");
    return { status: "skipped", runKey, reason: "claimed or done by another run" };
  }
  const started = performance.now();
  const heartbeat = setInterval(async () => {
    const held = await heartbeatJobRun(db, claim).catch((e) => void log.warn({ err: e }, "heartbeat failed"));
    if (held !== false) return;
    log.warn({ runKey, instance }, "the claim was taken over by another instance");
    clearInterval(heartbeat);
  }, heartbeatMs);
  const lost = {
    status: "failed",
    runKey,
    error: `the claim on ${runKey} was taken over by another instance while this one (${instance}) ran; its outcome was not recorded`,
  } as const;
  try {
    const result = await scoreCustomers({
      db,
      asOfDay,
      rule: options.rule,
      backend: options.backend,
      instance,
      staleAfterMs,
    });
    // Earlier runs whose horizon has now passed are measured against what happened (model health).
    const outcomes = await refreshRunOutcomes({ db }).catch((e) => {
      log.warn({ runKey, err: e }, "realised outcomes of earlier runs could not be measured");
      return null;
    });
    const counts = {
      runId: result.runId,
      scored: result.scored,
      atRisk: result.atRisk,
      bands: result.bands,
      modelVersion: result.modelVersion,
      runsMeasured: outcomes?.measured.length ?? 0,
    };
    if (!(await finishJobRun(db, claim, { status: JobStatus.Done, counts, durationMs: performance.now() - started })))
      return lost;
    return { status: "done", runKey, result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error({ runKey, err: error }, "nightly scoring failed");
    if (
      !(await finishJobRun(db, claim, {
        status: JobStatus.Failed,
        error: message,
        durationMs: performance.now() - started,
      }))
    )
      return lost;
    return { status: "failed", runKey, error: message };
  } finally {
    clearInterval(heartbeat);
  }
}
