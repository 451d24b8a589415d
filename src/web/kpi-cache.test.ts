import { describe, expect, it } from "vitest";
import type { Database } from "../db/index.ts";
import type { DataVersion, KpiOptions, KpiReport } from "../kpi/index.ts";
import { createKpiCache } from "./kpi-cache.ts";

const T0 = Date.parse("2026-07-15T10:00:00Z");

function setup() {
  const clock = { now: T0 };
  let version: DataVersion = {
    import: null,
    riskRun: { id: 1, asOf: new Date(T0), finishedAt: new Date(T0) },
    ingests: { count: 0, lastAt: null },
  };
  const builds: string[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const cache = createKpiCache({
    db: {} as Database,
    freshMs: 60_000,
    clock: () => clock.now,
    readVersion: async () => version,
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
    newRun: (id: number, finishedMs: number) =>
      (version = { ...version, riskRun: { id, asOf: new Date("2026-07-15"), finishedAt: new Date(finishedMs) } }),
    newImport: (id: number, finishedMs: number) =>
      (version = { ...version, import: { id, finishedAt: new Date(finishedMs) } }),
    holdBuilds: () => (hold = true),
    release: () => release?.(),
  };
}

const built = (r: { report: KpiReport }) => (r.report as unknown as { builtAt: number }).builtAt;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("KPI report cache", () => {
  it("computes once, then serves from memory while fresh, saying it is not refreshing", async () => {
    const { cache, builds } = setup();
    const first = await cache.get({ period: "2026-06" });
    expect([built(first), first.refreshing, first.computedAt.toISOString()]).toEqual([
      1,
      null,
      "2026-07-15T10:00:00.000Z",
    ]);
    expect(built(await cache.get({ period: "2026-06" }))).toBe(1);
    expect(builds).toEqual(["2026-06"]);
    await cache.get({ period: "2026-05" });
    expect(builds).toEqual(["2026-06", "2026-05"]);
  });

  it("serves an aged report at once, says so, and refreshes it once in the background", async () => {
    const { cache, clock, builds, holdBuilds, release } = setup();
    await cache.get({ period: "2026-06" });
    clock.now += 61_000;
    holdBuilds();
    const [a, b] = await Promise.all([cache.get({ period: "2026-06" }), cache.get({ period: "2026-06" })]);
    expect([built(a), built(b)]).toEqual([1, 1]);
    expect(a.refreshing).toEqual({ importAt: null, riskRun: null, aged: true });
    expect(builds).toHaveLength(2); // one refresh for both
    release();
    await settle();
    const fresh = await cache.get({ period: "2026-06" });
    expect([built(fresh), fresh.refreshing]).toEqual([2, null]);
  });

  it("a risk run or an import finished since the report makes it stale at once, whatever its age", async () => {
    const { cache, builds, newRun, newImport, holdBuilds, release } = setup();
    await cache.get({ period: "2026-06" });
    newRun(2, T0 + 5_000);
    holdBuilds();
    const stale = await cache.get({ period: "2026-06" });
    expect(built(stale)).toBe(1);
    expect(stale.refreshing).toEqual({
      importAt: null,
      riskRun: { at: new Date(T0 + 5_000), asOf: new Date("2026-07-15") },
      aged: false,
    });
    newImport(7, T0 + 9_000); // while the refresh runs: the report it makes predates this import
    expect((await cache.get({ period: "2026-06" })).refreshing).toMatchObject({ importAt: new Date(T0 + 9_000) });
    release();
    await settle();
    expect(builds).toHaveLength(2);
    const afterRun = await cache.get({ period: "2026-06" }); // built before the import: stale again
    expect([built(afterRun), afterRun.refreshing?.importAt]).toEqual([2, new Date(T0 + 9_000)]);
    expect(afterRun.refreshing?.riskRun).toBeNull();
    release();
    await settle();
    const current = await cache.get({ period: "2026-06" });
    expect([built(current), current.refreshing, builds.length]).toEqual([3, null, 3]);
  });

  it("bad options fail before anything is cached", async () => {
    const { cache, builds } = setup();
    await expect(cache.get({ period: "June" })).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect(builds).toEqual([]);
  });
});
