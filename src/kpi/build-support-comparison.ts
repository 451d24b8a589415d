import type { Database } from "../db/database.ts";
import { atRiskOpenTickets, countOpenTickets, latestCompleteRun, ticketStats } from "../db/repositories/kpi/index.ts";
import { compareSupport } from "./compare-kpis.ts";
import type { KpiAnalyses, SupportComparison, SupportSnapshot, TicketKpis } from "./kpi-report.ts";
import { previousPeriod, type Period } from "./parse-period.ts";
import { summarizeTickets } from "./summarize-tickets.ts";

type AtRiskNow = KpiAnalyses["atRiskOpenTickets"];
const toIso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

/**
 * The at-risk customers of the latest complete run on or before `atMs` who have tickets open
 * then (the run's count and theirs; the list itself is the analyses' business).
 */
async function atRiskWaitingAt(db: Database, atMs: number): Promise<SupportSnapshot["atRiskOpenTickets"]> {
  const [run, rows] = await Promise.all([
    latestCompleteRun(db, atMs),
    atRiskOpenTickets(db, { nowMs: atMs, limit: 1 }), // with_open counts every such customer on each row
  ]);
  return {
    at: new Date(atMs).toISOString(),
    runAsOf: run ? toIso(run.as_of).slice(0, 10) : null,
    atRisk: Number(run?.at_risk ?? 0),
    withOpenTickets: Number(rows[0]?.with_open ?? 0),
  };
}

function snapshot(period: Period, tickets: TicketKpis, atRisk: SupportSnapshot["atRiskOpenTickets"]): SupportSnapshot {
  const { created, resolvedByEnd, resolutionRate, firstResponse, resolution, byChannel = {} } = tickets;
  const { label, firstDay, lastDay } = period;
  return {
    period: { label, firstDay, lastDay },
    created,
    resolvedByEnd,
    resolutionRate,
    firstResponse,
    resolution,
    byChannel,
    atRiskOpenTickets: atRisk,
  };
}

/**
 * Starts the previous period's queries at once (they need nothing of P's report) and returns
 * the function that, given P's ticket KPIs and analyses, completes the comparison. Each period's
 * at-risk figure is taken at its end, or now if sooner: P's reuses the analyses when that is now.
 */
export function startSupportComparison(
  db: Database,
  scope: { period: Period; nowMs: number },
): (current: { tickets: TicketKpis; analyses: KpiAnalyses }) => Promise<SupportComparison> {
  const { period, nowMs } = scope;
  const previous = previousPeriod(period);
  const previousAtMs = Math.min(previous.toMs, nowMs);
  const currentAtMs = Math.min(period.toMs, nowMs);
  const loading = Promise.all([
    ticketStats(db, { fromMs: previous.fromMs, toMs: previous.toMs, group: "channel" }),
    atRiskWaitingAt(db, previousAtMs),
    currentAtMs === nowMs ? Promise.resolve(null) : atRiskWaitingAt(db, currentAtMs),
  ]);
  loading.catch(() => {}); // awaited below; a failure is reported there, not as an unhandled rejection
  return async ({ tickets, analyses }) => {
    const [previousTickets, previousAtRisk, currentAtRisk] = await loading;
    const listed = analyses.atRiskOpenTickets.customers.map((c) => c.customerId);
    const open = await countOpenTickets(db, { atMs: previousAtMs, customerIds: listed });
    return compareSupport({
      current: snapshot(period, tickets, currentAtRisk ?? atRiskNow(analyses.atRiskOpenTickets, nowMs)),
      previous: snapshot(previous, summarizeTickets(previousTickets, { perChannel: true }), previousAtRisk),
      previousOpenTickets: Object.fromEntries(listed.map((id) => [id, open.get(id) ?? 0])),
    });
  };
}

function atRiskNow(a: AtRiskNow, nowMs: number): SupportSnapshot["atRiskOpenTickets"] {
  return {
    at: new Date(nowMs).toISOString(),
    runAsOf: a.runAsOf,
    atRisk: a.atRisk,
    withOpenTickets: a.withOpenTickets,
  };
}
