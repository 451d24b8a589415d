import { summarizeAtRiskRun, type Database } from "../db/index.ts";
import { findListRuns, toFilters, type AtRiskQuery, type AtRiskRunInfo } from "./list-at-risk.ts";

/** The at-risk list's summary strip: the latest run against the previous one, under the list's filters. */
export interface AtRiskSummary {
  run: AtRiskRunInfo | null;
  atRisk: { count: number; mrrAtRisk: number; countChange: number | null; mrrAtRiskChange: number | null };
  /** The previous run's figures under the same filters; null without a previous run. */
  previous: { count: number; mrrAtRisk: number } | null;
  newlyAtRisk: number;
  noLongerAtRisk: number;
  snoozed: number;
  /** At-risk customers per band: high, medium, low (0 when none). */
  bands: { high: number; medium: number; low: number };
  /** The at-risk count of each recent complete run as scored, oldest first. */
  history: { asOf: Date; atRisk: number }[];
}

/** Filters the summary follows: all of the list's but the view and the band (the strip describes every band). */
export type AtRiskSummaryQuery = Pick<AtRiskQuery, "q" | "plan" | "segment" | "owner" | "hasOpenTicket">;

/**
 * The summary of the latest complete run's at-risk list: count and MRR at risk with the change since the previous
 * complete run, newly / no longer at risk, snoozed, counts by band, recent runs. Snoozed and churned customers are
 * left out of both runs' figures, as from the list.
 */
export async function summarizeAtRisk(
  db: Database,
  query: AtRiskSummaryQuery,
  now = new Date(),
): Promise<AtRiskSummary> {
  const runs = await findListRuns(db);
  const bands = { high: 0, medium: 0, low: 0 };
  if (!runs) {
    const atRisk = { count: 0, mrrAtRisk: 0, countChange: null, mrrAtRiskChange: null };
    return { run: null, atRisk, previous: null, newlyAtRisk: 0, noLongerAtRisk: 0, snoozed: 0, bands, history: [] };
  }
  const {
    band: _band,
    view: _view,
    ...filters
  } = toFilters({ ...query, scope: "at_risk", sort: "risk", order: "desc" });
  const s = await summarizeAtRiskRun(db.sql, {
    ...filters,
    runId: runs.run.id,
    previousRunId: runs.previousRunId,
    now,
  });
  return {
    run: runs.run,
    atRisk: {
      ...s.atRisk,
      countChange: s.previous ? s.atRisk.count - s.previous.count : null,
      mrrAtRiskChange: s.previous ? s.atRisk.mrrAtRisk - s.previous.mrrAtRisk : null,
    },
    previous: s.previous,
    newlyAtRisk: s.newlyAtRisk,
    noLongerAtRisk: s.noLongerAtRisk,
    snoozed: s.snoozed,
    bands: { ...bands, ...s.bands },
    history: s.history,
  };
}
