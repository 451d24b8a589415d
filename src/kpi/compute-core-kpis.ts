import type { Database } from "../db/database.ts";
import {
  countCompleteRuns,
  countCustomers,
  countSurveyAnswers,
  crrOutcomes,
  latestCompleteRun,
  Outcome,
  ticketStats,
  type CrrOutcomeRow,
} from "../db/repositories/kpi/index.ts";
import { crrPendingReason } from "./crr-pending-reason.ts";
import type { CoreKpis } from "./kpi-report.ts";
import type { Period } from "./parse-period.ts";
import { countOutcomes, summarizeCrr } from "./retention-share.ts";
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

/** The latest complete risk run on or before now, when the caller has it already (null: there is none). */
export type LatestRun = { as_of: Date | string; at_risk: number } | null;

/**
 * All KPIs of one period (no breakdown, no analyses), from four independent queries; `latestRun`
 * saves looking it up again for the CRR's pending reason.
 */
export async function computeCoreKpis(
  db: Database,
  scope: KpiScope & { spend?: number | null; latestRun?: LatestRun },
): Promise<CoreKpis> {
  const { period, nowMs, windowDays } = scope;
  const range = { fromMs: period.fromMs, toMs: period.toMs };
  const [customerRows, surveyRows, tickets, crrRows] = await Promise.all([
    countCustomers(db, range),
    countSurveyAnswers(db, range),
    ticketStats(db, { ...range, group: "channel" }),
    crrOutcomes(db, { ...range, nowMs, windowDays }),
  ]);
  const crr = summarizeCrr(countOutcomes(crrRows));
  const customers = summarizeCustomers(customerRows[0]);
  return {
    crr,
    crrPendingReason: await explainCrr(db, { ...scope, crr, crrRows, latestRun: scope.latestRun }),
    customers,
    satisfaction: summarizeSatisfaction(surveyRows),
    tickets: summarizeTickets(tickets, { perChannel: true }),
    value: summarizeValue({ customers, months: period.months, retained: crr.numerator, spend: scope.spend ?? null }),
  };
}

/** Why the CRR is empty or undecided (see crrPendingReason); the run lookups only when the cohort is empty. */
async function explainCrr(
  db: Database,
  o: KpiScope & { crr: CoreKpis["crr"]; crrRows: CrrOutcomeRow[]; latestRun?: LatestRun },
): Promise<string | null> {
  const range = { fromMs: o.period.fromMs, toMs: o.period.toMs };
  const latestRun = async () => (o.latestRun === undefined ? latestCompleteRun(db, o.nowMs) : o.latestRun);
  const [runsInPeriod, latest] =
    o.crr.denominator === 0 ? await Promise.all([countCompleteRuns(db, range), latestRun()]) : [0, null];
  const pending = o.crrRows.filter((r) => r.outcome === Outcome.Pending && r.first_at !== null);
  const ms = (v: Date | string | null) => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
  return crrPendingReason({
    crr: o.crr,
    windowDays: o.windowDays,
    runsInPeriod,
    latestRunMs: latest ? ms(latest.as_of) : null,
    pendingFromMs: pending.length ? Math.min(...pending.map((r) => ms(r.first_at))) : null,
    pendingToMs: pending.length ? Math.max(...pending.map((r) => ms(r.last_at))) : null,
    periodOpen: o.period.toMs > o.nowMs,
  });
}
