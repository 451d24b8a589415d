import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "../src/config.ts";
import type { Database } from "../src/db/index.ts";
import { isoDateToDay } from "../src/db/index.ts";
import { AppError, ErrorCode } from "../src/errors.ts";
import { moduleLogger } from "../src/logger.ts";
import { localDate, runNightlyScoring, type NightlyOutcome } from "../src/scoring/index.ts";

const log = moduleLogger("jobs");

/** The latest time ≤ now the schedule fired (looking back up to 8 days, minute by minute). */
export function lastScheduledBefore(task: ScheduledTask, now: Date): Date | null {
  const minute = 60_000;
  const start = Math.floor(now.getTime() / minute) * minute;
  for (let t = start; t > start - 8 * 24 * 60 * minute; t -= minute) if (task.match(new Date(t))) return new Date(t);
  return null;
}

export interface NightlyScoringJob {
  /** Resolves when the catch-up run (if any) has finished. */
  caughtUp: Promise<NightlyOutcome | null>;
  /** Runs the job for the scheduled time `at` now; null when a run is still in progress. */
  trigger(at: Date): Promise<NightlyOutcome> | null;
  stop(): Promise<void>;
}

/**
 * Schedules nightly scoring (default 02:00 in RETAIN_TIMEZONE). Runs never overlap in this
 * process, and the database claim makes exactly one instance score each date. At start,
 * the latest scheduled run that was missed (service down) is caught up.
 */
export function startNightlyScoring(options: {
  db: Database;
  config: Pick<Config, "scoringCron" | "timezone" | "atRiskRule" | "tfBackend">;
  now?: () => Date;
  /** After each run: model-health alerts (src/alerts' checkHealthAlerts, wired by `retain serve`). */
  afterRun?: () => Promise<unknown>;
}): NightlyScoringJob {
  const { db, config, now = () => new Date(), afterRun } = options;
  if (!cron.validate(config.scoringCron)) {
    throw new AppError(
      ErrorCode.BadConfig,
      `RETAIN_SCORING_CRON: expected a cron expression like "0 2 * * *", found "${config.scoringCron}"`,
    );
  }
  let running: Promise<NightlyOutcome> | null = null;
  const runFor = (at: Date): Promise<NightlyOutcome> | null => {
    if (running) {
      log.warn({ at }, "nightly scoring still running; this tick is skipped");
      return null;
    }
    const asOfDay = isoDateToDay(localDate(at, config.timezone));
    running = runNightlyScoring({ db, asOfDay, rule: config.atRiskRule, backend: config.tfBackend })
      .then(async (outcome) => {
        if (outcome.status === "done")
          await afterRun?.().catch((e) =>
            log.error({ err: e }, "model-health alert check failed; the next run retries"),
          );
        return outcome;
      })
      .finally(() => (running = null));
    return running;
  };
  const task = cron.schedule(config.scoringCron, (ctx) => void runFor(ctx.date), {
    timezone: config.timezone,
    name: "nightly-scoring",
    noOverlap: true,
  });
  const due = lastScheduledBefore(task, now());
  const caughtUp = due ? (runFor(due) ?? Promise.resolve(null)) : Promise.resolve(null);
  log.info(
    { cron: config.scoringCron, timezone: config.timezone, next: task.getNextRun() },
    "nightly scoring scheduled",
  );
  return {
    caughtUp,
    trigger: runFor,
    async stop() {
      await task.destroy();
      await running?.catch(() => undefined);
    },
  };
}
