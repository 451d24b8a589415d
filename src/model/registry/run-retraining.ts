import type { Database } from "../../db/index.ts";
import {
  abandonJobRuns,
  claimJobRun,
  finishJobRun,
  heartbeatJobRun,
  JobStatus,
} from "../../db/repositories/job-runs.ts";
import { findActiveModelVersion, ModelAction, recordModelEvent } from "../../db/repositories/model-versions.ts";
import { ABANDONED_AFTER_MS, HEARTBEAT_MS, INSTANCE_ID } from "../../db/run-owner.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { moduleLogger } from "../../logger.ts";
import { defaultCandidates } from "../train-candidates.ts";
import type { Comparison } from "./compare-on-test-window.ts";
import type { PromotionVerdict } from "./judge-promotion.ts";
import { PROMOTION_DEFAULTS, promoteModel } from "./promote-model.ts";
import { readRegistryTraining } from "./registry-training-format.ts";
import { DEFAULT_TRAIN_BUDGET, trainFromDatabase } from "./train-from-database.ts";

const log = moduleLogger("retraining");
export const RETRAINING_JOB = "retraining";
/** Who the scheduled job's decisions are recorded as (model_events.actor). */
export const RETRAINING_ACTOR = "retraining";

export type RetrainingOutcome =
  | {
      status: "promoted" | "kept";
      runKey: string;
      champion: string;
      challenger: string;
      comparison: Comparison | null;
      verdict: PromotionVerdict | null;
    }
  | { status: "skipped"; runKey: string; reason: string }
  | { status: "failed"; runKey: string; error: string };

/**
 * The retraining of one period (`YYYY-MM`), claimed in job_runs as `retraining:<period>` so that
 * one instance runs it: a challenger trained on the latest data with the active model's saved
 * settings, promoted only when it earns it (see promoteModel), the decision recorded with its
 * figures. Any failure leaves the champion active and is recorded on the job run and the model.
 */
export async function runRetraining(options: {
  db: Database;
  modelsDir: string;
  period: string;
  backend?: string;
  resamples?: number;
  logLossTolerance?: number;
  instance?: string;
  staleAfterMs?: number;
  heartbeatMs?: number;
}): Promise<RetrainingOutcome> {
  const { db, period, instance = INSTANCE_ID, staleAfterMs = ABANDONED_AFTER_MS, heartbeatMs = HEARTBEAT_MS } = options;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
    throw new AppError(ErrorCode.BadInput, `expected a period YYYY-MM, found "${period}"`);
  const runKey = `${RETRAINING_JOB}:${period}`;
  for (const run of await abandonJobRuns(db, { staleAfterMs })) log.warn(run, "an earlier job run was abandoned");
  const claim = await claimJobRun(db, { job: RETRAINING_JOB, runKey, instance, staleAfterMs });
  if (claim === null) return { status: "skipped", runKey, reason: "claimed or done by another run" };
  const started = performance.now();
  const heartbeat = setInterval(
    () => void heartbeatJobRun(db, claim).catch((e) => log.warn({ err: e }, "heartbeat failed")),
    heartbeatMs,
  );
  const finish = (status: string, fields: { counts?: unknown; error?: string }) =>
    finishJobRun(db, claim, { status, ...fields, durationMs: performance.now() - started });
  const champion = await findActiveModelVersion(db).catch(() => null);
  try {
    if (!champion) {
      await finish(JobStatus.Done, { counts: { decision: "nothing to retrain: no active model" } });
      return { status: "skipped", runKey, reason: "no active model to retrain" };
    }
    const training = readRegistryTraining(champion.training, champion);
    if (training.source !== "database")
      throw new AppError(
        ErrorCode.Conflict,
        `expected an active model trained from the database, found ${training.source}`,
      );
    const settings = training.settings;
    const report = await trainFromDatabase({
      db,
      modelsDir: options.modelsDir,
      horizonDays: training.horizonDays,
      stepDays: training.stepDays ?? undefined,
      seed: training.seed,
      backend: options.backend,
      candidates: settings?.candidates ?? defaultCandidates,
      budgetSeconds: settings?.budgetSeconds ?? DEFAULT_TRAIN_BUDGET,
      excludeFeatures: settings?.excludeFeatures,
    });
    let outcome: RetrainingOutcome;
    try {
      const result = await promoteModel({
        db,
        version: report.version,
        actor: RETRAINING_ACTOR,
        backend: options.backend,
        resamples: options.resamples ?? PROMOTION_DEFAULTS.resamples,
        logLossTolerance: options.logLossTolerance ?? PROMOTION_DEFAULTS.logLossTolerance,
      });
      outcome = { status: "promoted", runKey, champion: champion.version, challenger: report.version, ...pick(result) };
    } catch (error) {
      // A refusal is a decision (recorded by promoteModel with its figures), not a failure.
      const refused = error instanceof AppError ? (error.details as Refusal | undefined) : undefined;
      if (!refused?.refused) throw error;
      outcome = { status: "kept", runKey, champion: champion.version, challenger: report.version, ...pick(refused) };
    }
    const counts = {
      decision: outcome.status,
      champion: champion.version,
      challenger: report.version,
      ...(outcome.comparison && {
        aucDifference: round(outcome.comparison.auc.difference),
        interval: `${round(outcome.comparison.auc.low)} to ${round(outcome.comparison.auc.high)}`,
      }),
    };
    await finish(JobStatus.Done, { counts });
    log.info({ runKey, ...counts }, "retraining decided");
    return outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error({ runKey, err: error }, "retraining failed; the champion stays active");
    if (champion)
      await recordModelEvent(db, {
        version: champion.version,
        action: ModelAction.RetrainingFailed,
        reason: `retraining ${period} failed, ${champion.version} stays active: ${message}`,
        actor: RETRAINING_ACTOR,
      }).catch((e) => log.warn({ err: e }, "could not record the failure on the model"));
    await finish(JobStatus.Failed, { error: message });
    return { status: "failed", runKey, error: message };
  } finally {
    clearInterval(heartbeat);
  }
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
const pick = (r: { comparison: Comparison | null; verdict: PromotionVerdict | null }) => ({
  comparison: r.comparison,
  verdict: r.verdict,
});
/** What promoteModel attaches to a refusal. */
interface Refusal {
  refused: true;
  comparison: Comparison;
  verdict: PromotionVerdict;
}
