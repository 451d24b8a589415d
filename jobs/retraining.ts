import cron from "node-cron";
import type { Config } from "../src/config.ts";
import type { Database } from "../src/db/index.ts";
import { moduleLogger } from "../src/logger.ts";
import { runRetraining, type RetrainingOutcome } from "../src/model/index.ts";
import { localDate } from "../src/scoring/index.ts";

const log = moduleLogger("jobs");

export interface RetrainingJob {
  /** Runs the retraining of the period (local month) of `at` now; null when a run is still in progress. */
  trigger(at: Date): Promise<RetrainingOutcome> | null;
  /** Stops the schedule; resolves once the run in flight (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Schedules the retraining (RETAIN_RETRAINING_CRON, default 03:00 on the 1st of each month, in
 * RETAIN_TIMEZONE). Runs never overlap in this process, and the claim `retraining:<YYYY-MM>`
 * makes one instance run each month. A missed time is not caught up: `retain jobs run retraining` runs it.
 */
export function startRetraining(options: {
  db: Database;
  config: Pick<Config, "modelHealth" | "timezone" | "modelsDir" | "tfBackend">;
}): RetrainingJob {
  const { db, config } = options;
  let running: Promise<RetrainingOutcome> | null = null;
  const runFor = (at: Date): Promise<RetrainingOutcome> | null => {
    if (running) {
      log.warn({ at }, "retraining still running; this tick is skipped");
      return null;
    }
    running = runRetraining({
      db,
      modelsDir: config.modelsDir,
      period: localDate(at, config.timezone).slice(0, 7),
      backend: config.tfBackend,
      resamples: config.modelHealth.resamples,
      logLossTolerance: config.modelHealth.logLossTolerance,
    }).finally(() => (running = null));
    return running;
  };
  const task = cron.schedule(config.modelHealth.retrainingCron, (ctx) => void runFor(ctx.date), {
    timezone: config.timezone,
    name: "retraining",
    noOverlap: true,
  });
  log.info({ cron: config.modelHealth.retrainingCron, next: task.getNextRun() }, "retraining scheduled");
  return {
    trigger: runFor,
    async stop() {
      await task.destroy();
      await running?.catch(() => undefined);
    },
  };
}
