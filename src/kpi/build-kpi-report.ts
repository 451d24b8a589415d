import type { Database } from "../db/database.ts";
import { latestCompleteRun } from "../db/repositories/kpi/index.ts";
import { buildAnalyses } from "./build-analyses.ts";
import { buildBreakdown } from "./build-breakdown.ts";
import { startSupportComparison } from "./build-support-comparison.ts";
import { computeCoreKpis, type KpiScope } from "./compute-core-kpis.ts";
import type { Breakdown, KpiReport } from "./kpi-report.ts";
import { extendToRun } from "./parse-period.ts";

/** Options of a KPI report, validated (see parseKpiOptions). */
export interface KpiOptions extends KpiScope {
  /** A breakdown dimension, or null for none. */
  by?: Breakdown | null;
  /** Retention spend in P (money), for the cost per retained customer. */
  spend?: number | null;
  /** The period is a default: extend it to contain the latest complete risk run (as_of ≤ now). */
  extendToLatestRun?: boolean;
}

/**
 * The whole KPI report: the KPIs of P, an optional breakdown, the analyses and the support KPIs
 * beside the previous period, queried concurrently (the latest run, which they share, first).
 */
export async function buildKpiReport(db: Database, options: KpiOptions): Promise<KpiReport> {
  const { nowMs, windowDays, by = null, spend = null, extendToLatestRun = false } = options;
  const latestRun = await latestCompleteRun(db, nowMs);
  // A default period must hold the latest run: its at-risk customers are the CRR's cohort.
  const period =
    extendToLatestRun && latestRun
      ? extendToRun(options.period, Date.parse(toIso(latestRun.as_of)), nowMs)
      : options.period;
  const scope = { period, nowMs, windowDays, latestRun };
  const finishSupport = startSupportComparison(db, scope);
  const [core, rows, analyses] = await Promise.all([
    computeCoreKpis(db, { ...scope, spend }),
    by ? buildBreakdown(db, { ...scope, by }) : Promise.resolve(null),
    buildAnalyses(db, scope),
  ]);
  const { label, firstDay, lastDay, days, months } = period;
  return {
    period: { label, firstDay, lastDay, days, months },
    now: new Date(nowMs).toISOString(),
    windowDays,
    ...core,
    breakdown: by && rows ? { by, rows } : null,
    analyses,
    support: await finishSupport({ tickets: core.tickets, analyses }),
  };
}

const toIso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();
