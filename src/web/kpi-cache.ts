import type { Database } from "../db/index.ts";
import {
  buildKpiReport,
  parseKpiOptions,
  type KpiOptions,
  type KpiOptionsInput,
  type KpiReport,
} from "../kpi/index.ts";
import { moduleLogger } from "../logger.ts";
import { findLatestRun } from "../scoring/index.ts";

const log = moduleLogger("kpi-cache");

export interface CachedKpiReport {
  report: KpiReport;
  computedAt: Date;
}

interface Entry {
  value?: CachedKpiReport;
  runId: number | null;
  refreshing?: Promise<CachedKpiReport>;
}

/**
 * KPI reports for the dashboard, kept in memory: a report over months of tickets takes seconds
 * on a large database, a page must not. A cached report is served at once; one older than
 * `freshMs` (default 5 min) or from before the latest risk run is served while a single
 * refresh runs in the background. Only the first request for a new set of options waits.
 */
export interface KpiCache {
  get(input: KpiOptionsInput): Promise<CachedKpiReport>;
}

/**
 * `build` and `latestRunId` replace the report and the latest-run lookup (tests); `clock` the time.
 */
export function createKpiCache(options: {
  db: Database;
  freshMs?: number;
  maxEntries?: number;
  clock?: () => number;
  build?: (options: KpiOptions) => Promise<KpiReport>;
  latestRunId?: () => Promise<number | null>;
}): KpiCache {
  const { db, freshMs = 5 * 60_000, maxEntries = 24, clock = () => Date.now() } = options;
  const build = options.build ?? ((o: KpiOptions) => buildKpiReport(db, o));
  const latestRunId = options.latestRunId ?? (async () => (await findLatestRun(db))?.id ?? null);
  const entries = new Map<string, Entry>();

  const refresh = (
    key: string,
    entry: Entry,
    input: KpiOptionsInput,
    runId: number | null,
  ): Promise<CachedKpiReport> => {
    entry.refreshing ??= (async () => {
      try {
        const started = clock();
        const report = await build(parseKpiOptions(input, { clockMs: clock() }));
        const value = { report, computedAt: new Date(clock()) };
        Object.assign(entry, { value, runId });
        log.debug({ key, ms: clock() - started }, "kpi report computed");
        return value;
      } finally {
        entry.refreshing = undefined;
      }
    })();
    return entry.refreshing;
  };

  return {
    async get(input) {
      const parsed = parseKpiOptions(input, { clockMs: clock() }); // bad input fails here, before any caching
      const key = JSON.stringify([
        parsed.period.label,
        parsed.extendToLatestRun,
        parsed.windowDays,
        parsed.by,
        parsed.spend,
        input.now ?? null,
      ]);
      const runId = await latestRunId();
      let entry = entries.get(key);
      if (!entry) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entry = { runId };
        entries.set(key, entry);
      }
      if (!entry.value) return refresh(key, entry, input, runId);
      const stale = clock() - entry.value.computedAt.getTime() > freshMs || entry.runId !== runId;
      if (stale)
        refresh(key, entry, input, runId).catch((error) => log.error({ err: error, key }, "kpi report refresh failed"));
      return entry.value;
    },
  };
}
