import { describe, expect, it } from "vitest";
import type { Database } from "../db/index.ts";
import type { KpiOptions, KpiReport } from "../kpi/index.ts";
import { createKpiCache } from "./kpi-cache.ts";

function setup() {
  const clock = { now: Date.parse("2026-07-15T00:00:00Z") };
  let runId = 1;
  const builds: string[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const cache = createKpiCache({
    db: {} as Database,
    freshMs: 60_000,
    clock: () => clock.now,
    latestRunId: async () => runId,
    build: async (o: KpiOptions) => {
      builds.push(o.period.label);
      if (hold) await new Promise<void>((r) => (release = r));
      return { period: { label: o.period.label }, builtAt: builds.length } as unknown as KpiReport;
    },
  });
  return {
    cache,
    clock,
    builds,
    setRun: (id: number) => (runId = id),
    holdBuilds: () => (hold = true),
    release: () => release?.(),
  };
}

const built = (r: { report: KpiReport }) => (r.report as unknown as { builtAt: number }).builtAt;

describe("KPI report cache", () => {
  it("computes once, then serves from memory while fresh", async () => {
    const { cache, builds } = setup();
    expect(built(await cache.get({ period: "2026-06" }))).toBe(1);
    expect(built(await cache.get({ period: "2026-06" }))).toBe(1);
    expect(builds).toEqual(["2026-06"]);
    await cache.get({ period: "2026-05" });
    expect(builds).toEqual(["2026-06", "2026-05"]);
  });

  it("serves a stale report at once and refreshes it once in the background", async () => {
    const { cache, clock, builds, holdBuilds, release } = setup();
    await cache.get({ period: "2026-06" });
    clock.now += 61_000;
    holdBuilds();
    const [a, b] = await Promise.all([cache.get({ period: "2026-06" }), cache.get({ period: "2026-06" })]);
    expect([built(a), built(b)]).toEqual([1, 1]);
    expect(builds).toHaveLength(2); // one refresh for both
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(built(await cache.get({ period: "2026-06" }))).toBe(2);
  });

  it("a new risk run makes a cached report stale", async () => {
    const { cache, builds, setRun } = setup();
    await cache.get({ period: "2026-06" });
    setRun(2);
    await cache.get({ period: "2026-06" });
    await new Promise((r) => setTimeout(r, 0));
    expect(builds).toHaveLength(2);
  });

  it("bad options fail before anything is cached", async () => {
    const { cache, builds } = setup();
    await expect(cache.get({ period: "June" })).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect(builds).toEqual([]);
  });
});
