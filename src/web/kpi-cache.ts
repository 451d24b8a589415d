import { isClosedWhileRunning, type Database } from "../db/index.ts";
import {
  buildKpiReport,
  parseKpiOptions,
  readDataVersion,
  type DataVersion,
  type KpiOptions,
  type KpiOptionsInput,
  type KpiReport,
} from "../kpi/index.ts";
import { moduleLogger } from "../logger.ts";
import { describeStaleness, type KpiStaleness } from "./kpi-staleness.ts";

const log = moduleLogger("kpi-cache");

export interface CachedKpiReport {
  report: KpiReport;
  /** When the report was computed. */
  computedAt: Date;
  /** Set when this report is out of date and a new one is being computed: why. */
  refreshing: KpiStaleness | null;
}

interface Entry {
  value?: { report: KpiReport; computedAt: Date; version: DataVersion };
  refreshing?: Promise<CachedKpiReport>;
}

/**
 * KPI reports for the dashboard, kept in memory: a report over months of tickets takes a second
 * or more on a large database, a page must not. A cached report is served at once; one computed
 * before the latest finished import or complete risk run (by any process: each get reads the
 * data version, one indexed query on the main connection) or older than `freshMs` (default
 * 5 min) is served with the reason it is stale while a single refresh runs in the background.
 * Only the first request for a new set of options waits.
 */
export interface KpiCache {
  get(input: KpiOptionsInput): Promise<CachedKpiReport>;
}

/** `build` and `readVersion` replace the report and the data-version lookup (tests); `clock` the time. */
export function createKpiCache(options: {
  db: Database;
  freshMs?: number;
  maxEntries?: number;
  clock?: () => number;
  build?: (options: KpiOptions) => Promise<KpiReport>;
  readVersion?: () => Promise<DataVersion>;
}): KpiCache {
  const { db, freshMs = 5 * 60_000, maxEntries = 24, clock = () => Date.now() } = options;
  const build = options.build ?? ((o: KpiOptions) => buildKpiReport(db, o));
  const readVersion = options.readVersion ?? (() => readDataVersion(db));
  const entries = new Map<string, Entry>();

  const refresh = (key: string, entry: Entry, input: KpiOptionsInput, version: DataVersion) => {
    entry.refreshing ??= (async () => {
      try {
        const started = clock();
        const report = await build(parseKpiOptions(input, { clockMs: clock() }));
        entry.value = { report, computedAt: new Date(clock()), version };
        log.debug({ key, ms: clock() - started }, "kpi report computed");
        return { report, computedAt: entry.value.computedAt, refreshing: null };
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
      // Read before any build: data committed while a report is computed makes that report stale.
      const version = await readVersion();
      let entry = entries.get(key);
      if (!entry) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entry = {};
        entries.set(key, entry);
      }
      if (!entry.value) return refresh(key, entry, input, version);
      const { report, computedAt } = entry.value;
      const stale = describeStaleness({
        computedAt,
        builtFrom: entry.value.version,
        now: version,
        clockMs: clock(),
        freshMs,
      });
      if (stale)
        refresh(key, entry, input, version).catch((error) => {
          if (!isClosedWhileRunning(error)) log.error({ err: error, key }, "kpi report refresh failed"); // else: stopping
        });
      return { report, computedAt, refreshing: stale };
    },
  };
}
