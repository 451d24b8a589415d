import { moduleLogger } from "../src/logger.ts";
import type { Outreach, OutreachRunCounts } from "../src/outreach/index.ts";

const log = moduleLogger("outreach-worker");

export interface OutreachWorker {
  /** Runs a pass as soon as possible (right after the one in flight, if any). */
  kick(): void;
  /** Stops the loop; resolves once the pass in flight (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * The outreach worker of `retain serve`: one pass every `intervalMs` (schedule, holdout,
 * send, outcomes). Passes never overlap (the next is timed from the end of the last), a
 * failing pass is logged and the loop goes on, and stop() waits for work in flight.
 * Several instances may run at once: every trigger and message is claimed in the database.
 */
export function startOutreachWorker(options: {
  outreach: Outreach;
  intervalMs: number;
  onPass?: (counts: OutreachRunCounts) => void;
}): OutreachWorker {
  const { outreach, intervalMs, onPass } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const pass = async () => {
    try {
      const counts = await outreach.runOnce();
      const { schedule: s, holdout: h, delivery: d, outcomes: o } = counts;
      if (
        s.triggers ||
        h.heldOut ||
        h.cancelled ||
        d.sent ||
        d.deferred ||
        d.failed ||
        d.cancelled ||
        o.stayed ||
        o.churned
      ) {
        log.info(
          {
            decided: s.triggers,
            scheduled: s.scheduled,
            heldOut: s.heldOut + h.heldOut,
            suppressed: s.suppressed,
            ...d,
            ...o,
            ms: counts.durationMs,
          },
          "outreach pass",
        );
      }
      onPass?.(counts);
    } catch (error) {
      log.error({ err: error }, "outreach pass failed; retrying at the next interval");
    }
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
    timer.unref?.();
  };

  function tick(): void {
    timer = null;
    again = false;
    running = pass().finally(() => {
      running = null;
      schedule(again ? 0 : intervalMs);
    });
  }

  schedule(0);
  log.info(
    { intervalMs, mailer: outreach.settings.smtpUrl ? "smtp" : `files in ${outreach.settings.outboxDir}` },
    "outreach worker started",
  );
  return {
    kick() {
      if (stopped) return;
      if (running) again = true;
      else if (timer) {
        clearTimeout(timer);
        schedule(0);
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      outreach.close();
    },
  };
}
