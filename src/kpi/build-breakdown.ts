import type { Database } from "../db/database.ts";
import {
  agentNames,
  countCustomers,
  countSurveyAnswers,
  crrOutcomes,
  ticketStats,
} from "../db/repositories/kpi/index.ts";
import { computeCoreKpis, type KpiScope, type LatestRun } from "./compute-core-kpis.ts";
import type { Breakdown, BreakdownRow } from "./kpi-report.ts";
import { splitByMonth } from "./parse-period.ts";
import { byKey, countOutcomes, NONE_KEY, summarizeCrr } from "./retention-share.ts";
import { summarizeCustomers, summarizeValue } from "./summarize-customers.ts";
import { summarizeSatisfaction } from "./summarize-satisfaction.ts";
import { summarizeTickets } from "./summarize-tickets.ts";

/**
 * The KPIs that apply to a dimension, per value of it:
 * - month: every KPI, each month of P computed as its own period (cohort, windows and all);
 * - plan, segment (the customer's current one): customer KPIs, CLV, satisfaction, CRR;
 * - channel, agent (of the ticket): ticket KPIs of tickets created in P, and CRR by the
 *   interaction ticket's channel or agent ("(none)": no interaction, or no agent).
 */
export async function buildBreakdown(
  db: Database,
  scope: KpiScope & { by: Breakdown; latestRun?: LatestRun },
): Promise<BreakdownRow[]> {
  const { period, by, nowMs, windowDays, latestRun } = scope;
  const range = { fromMs: period.fromMs, toMs: period.toMs };
  if (by === "month") {
    const months = splitByMonth(period);
    const rows = await Promise.all(
      months.map((month) => computeCoreKpis(db, { period: month, nowMs, windowDays, latestRun })),
    );
    return rows.map((kpis, i) => ({
      key: months[i].label,
      period: { firstDay: months[i].firstDay, lastDay: months[i].lastDay },
      ...kpis,
    }));
  }
  const crrRows = crrOutcomes(db, { ...range, nowMs, windowDays, group: by });
  if (by === "plan" || by === "segment") {
    const [customers, surveys, crr] = await Promise.all([
      countCustomers(db, { ...range, group: by }),
      countSurveyAnswers(db, { ...range, group: by }),
      crrRows,
    ]);
    const [c, s, k] = [byKey(customers), byKey(surveys), byKey(crr)];
    return sortedKeys(c, s, k).map((key) => {
      const kpis = summarizeCustomers(c.get(key)?.[0]);
      const cohort = summarizeCrr(countOutcomes(k.get(key) ?? []));
      return {
        key,
        customers: kpis,
        value: summarizeValue({ customers: kpis, months: period.months, retained: cohort.numerator }),
        satisfaction: summarizeSatisfaction(s.get(key) ?? []),
        crr: cohort,
      };
    });
  }
  const [facts, crr, names] = await Promise.all([
    ticketStats(db, { ...range, group: by }),
    crrRows,
    by === "agent" ? agentNames(db) : Promise.resolve(new Map<string, string | null>()),
  ]);
  const [t, k] = [byKey(facts), byKey(crr)];
  return sortedKeys(t, k).map((key) => ({
    key,
    ...(by === "agent" ? { name: names.get(key) ?? null } : {}),
    tickets: summarizeTickets(t.get(key) ?? []),
    crr: summarizeCrr(countOutcomes(k.get(key) ?? [])),
  }));
}

/** Keys of all groups, alphabetically, "(none)" last. */
function sortedKeys(...groups: Map<string, unknown>[]): string[] {
  const keys = new Set(groups.flatMap((g) => [...g.keys()]));
  return [...keys].sort((a, b) => Number(a === NONE_KEY) - Number(b === NONE_KEY) || a.localeCompare(b));
}
