import type { Database } from "../db/database.ts";
import { buildAnalyses } from "./build-analyses.ts";
import { buildBreakdown } from "./build-breakdown.ts";
import { computeCoreKpis, type KpiScope } from "./compute-core-kpis.ts";
import type { Breakdown, KpiReport } from "./kpi-report.ts";

/** Options of a KPI report, validated (see parseKpiOptions). */
export interface KpiOptions extends KpiScope {
  /** A breakdown dimension, or null for none. */
  by?: Breakdown | null;
  /** Retention spend in P (money), for the cost per retained customer. */
  spend?: number | null;
}

/** The whole KPI report: the KPIs of P, an optional breakdown and the analyses, queried concurrently. */
export async function buildKpiReport(db: Database, options: KpiOptions): Promise<KpiReport> {
  const { period, nowMs, windowDays, by = null, spend = null } = options;
  const scope = { period, nowMs, windowDays };
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
  };
}
