import { describe, expect, it } from "vitest";
import { startOutreachWorker } from "../jobs/outreach-worker.ts";
import type { Outreach, OutreachRunCounts } from "../src/outreach/index.ts";

const COUNTS: OutreachRunCounts = {
  schedule: { triggers: 0, scheduled: 0, heldOut: 0, suppressed: 0, skipped: {} },
  holdout: { heldOut: 0, cancelled: 0 },
  reviewExpired: 0,
  delivery: { sent: 0, deferred: 0, failed: 0, cancelled: 0 },
  outcomes: { stayed: 0, churned: 0 },
  durationMs: 0,
};

/** A fake outreach whose passes take `ms` and fail when `fail()` says so. */
function fakeOutreach(options: { ms: number; fail?: (n: number) => boolean }) {
  const stats = { passes: 0, inFlight: 0, maxInFlight: 0, finished: 0, closed: false };
  const outreach = {
    settings: { smtpUrl: undefined, outboxDir: "data/outbox" },
    async runOnce() {
      const n = ++stats.passes;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      await new Promise((r) => setTimeout(r, options.ms));
      stats.inFlight--;
      stats.finished++;
      if (options.fail?.(n)) throw new Error(`pass ${n} failed`);
      return COUNTS;
    },
    close: () => {
      stats.closed = true;
    },
  } as unknown as Outreach;
  return { outreach, stats };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the outreach worker loop", () => {
  it("never overlaps its passes, even with an interval shorter than a pass or when kicked", async () => {
    const { outreach, stats } = fakeOutreach({ ms: 40 });
    const worker = startOutreachWorker({ outreach, intervalMs: 5 });
    for (let i = 0; i < 10; i++) {
      worker.kick();
      await sleep(7);
    }
    await worker.stop();
    expect(stats.passes).toBeGreaterThan(1);
    expect(stats.maxInFlight).toBe(1);
  });

  it("a failing pass is logged and the loop goes on", async () => {
    const { outreach, stats } = fakeOutreach({ ms: 1, fail: (n) => n <= 2 });
    const passes: number[] = [];
    const worker = startOutreachWorker({ outreach, intervalMs: 5, onPass: () => passes.push(stats.passes) });
    while (passes.length < 2) await sleep(5);
    await worker.stop();
    expect(passes[0]).toBe(3);
  });

  it("stop() waits for the pass in flight, then starts no other", async () => {
    const { outreach, stats } = fakeOutreach({ ms: 80 });
    const worker = startOutreachWorker({ outreach, intervalMs: 1 });
    await sleep(20);
    expect(stats.inFlight).toBe(1);
    await worker.stop();
    expect(stats.inFlight).toBe(0);
    expect(stats.finished).toBe(stats.passes);
    expect(stats.closed).toBe(true);
    const after = stats.passes;
    await sleep(30);
    expect(stats.passes).toBe(after);
  });
});
