import type { Database } from "../db/database.ts";
import { countCustomers, countSurveyAnswers, crrOutcomes, ticketDurations, ticketStats } from "../db/repositories/kpi/index.ts";
import { durationStatsByGroup } from "./duration-stats.ts";
import type { CoreKpis } from "./kpi-report.ts";
import type { Period } from "./parse-period.ts";
import { countOutcomes, NONE_KEY, summarizeCrr } from "./retention-share.ts";
import { summarizeCustomers, summarizeValue } from "./summarize-customers.ts";
import { summarizeSatisfaction } from "./summarize-satisfaction.ts";
import { summarizeTickets } from "./summarize-tickets.ts";

/** What every KPI computation needs: the period, the reference instant and the window. */
export interface KpiScope {
  period: Period;
  /** Windows ending after this instant (ms) are pending. */
  nowMs: number;
  /** Days a customer must stay after an interaction to count as retained. */
  windowDays: number;
}

/** All KPIs of one period (no breakdown, no analyses), from five independent queries. */
export async function computeCoreKpis(db: Database, scope: KpiScope & { spend?: number | null }): Promise<CoreKpis> {
  const { period, nowMs, windowDays } = scope;
  const range = { fromMs: period.fromMs, toMs: period.toMs };
  const [customerRows, surveyRows, ticketRows, durations, crrRows] = await Promise.all([
    countCustomers(db, range),
    countSurveyAnswers(db, range),
    ticketStats(db, { ...range, group: "channel" }),
    ticketDurations(db, range),
    crrOutcomes(db, { ...range, nowMs, windowDays }),
  ]);
  const crr = summarizeCrr(countOutcomes(crrRows));
  const customers = summarizeCustomers(customerRows[0]);
  return {
    crr,
    customers,
    satisfaction: summarizeSatisfaction(surveyRows),
    tickets: summarizeTickets(ticketRows, durationStatsByGroup(durations, NONE_KEY).get(NONE_KEY), { perChannel: true }),
    value: summarizeValue({ customers, months: period.months, retained: crr.numerator, spend: scope.spend ?? null }),
  };
}
