import cron from "node-cron";
import type { Config } from "../src/config.ts";
import type { Database } from "../src/db/index.ts";
import { localDay, runDailyDigest, type DigestRunResult } from "../src/digest/index.ts";
import { AppError, ErrorCode } from "../src/errors.ts";
import { moduleLogger } from "../src/logger.ts";

const log = moduleLogger("jobs");

export interface DailyDigestJob {
  /** Sends the digest of the local day of `at` now; null when a run is still in progress. Resolves to null when it failed (logged). */
  trigger(at: Date): Promise<DigestRunResult | null> | null;
  /** Stops the schedule; resolves once the run in flight (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Schedules the daily digest (RETAIN_DIGEST_CRON, default 07:00 Monday to Friday in RETAIN_TIMEZONE). Runs never
 * overlap in this process, and each person's email is claimed in the database, so with several instances (or a
 * run by hand) everyone gets one a day. A missed time (the service was down) is not caught up: a morning email
 * sent in the afternoon is not a morning email; `retain digest send` sends it by hand.
 */
export function startDailyDigest(options: {
  db: Database;
  config: Pick<Config, "digest" | "timezone" | "currency" | "dataDir" | "outreach">;
}): DailyDigestJob {
  const { db, config } = options;
  if (!cron.validate(config.digest.cron)) {
    throw new AppError(
      ErrorCode.BadConfig,
      `RETAIN_DIGEST_CRON: expected a cron expression like "0 7 * * 1-5", found "${config.digest.cron}"`,
    );
  }
  let running: Promise<DigestRunResult | null> | null = null;
  const runFor = (at: Date): Promise<DigestRunResult | null> | null => {
    if (running) {
      log.warn({ at }, "daily digest still running; this tick is skipped");
      return null;
    }
    running = runDailyDigest({ db, config, date: localDay(at, config.timezone) })
      .catch((error) => {
        log.error({ err: error }, "daily digest failed; the next scheduled run (or retain digest send) retries");
        return null;
      })
      .finally(() => (running = null));
    return running;
  };
  const task = cron.schedule(config.digest.cron, (ctx) => void runFor(ctx.date), {
    timezone: config.timezone,
    name: "daily-digest",
    noOverlap: true,
  });
  log.info({ cron: config.digest.cron, timezone: config.timezone, next: task.getNextRun() }, "daily digest scheduled");
  return {
    trigger: runFor,
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
