import type { CrrKpi } from "./kpi-report.ts";

const MS_PER_DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What decides whether a CRR can be given yet, besides its counts. */
export interface CrrPendingFacts {
  crr: CrrKpi;
  windowDays: number;
  /** Complete risk runs with as_of in P (needed only when the cohort is empty). */
  runsInPeriod: number;
  /** The latest complete risk run on or before now, if any (ms). */
  latestRunMs: number | null;
  /** The first and last interaction of the pending customers (ms), null without any. */
  pendingFromMs: number | null;
  pendingToMs: number | null;
  /** P ends after now: customers not yet in touch may still get an interaction in P. */
  periodOpen: boolean;
}

/**
 * Why the CRR of P is empty or not decided for anyone yet, in words for the KPI tile; null
 * when it is a number that means something (some window has ended, or P is over and the
 * cohort simply had no interaction).
 */
export function crrPendingReason(f: CrrPendingFacts): string | null {
  const { crr, windowDays: w } = f;
  if (crr.denominator === 0) {
    if (f.runsInPeriod > 0)
      return `no customer was at risk in this period's ${f.runsInPeriod === 1 ? "risk run" : `${f.runsInPeriod} risk runs`}`;
    const latest = f.latestRunMs === null ? "there is none yet" : `the latest is as of ${isoDay(f.latestRunMs)}`;
    return `no complete risk run is dated in this period (${latest}), so no customer is at risk in it`;
  }
  if (crr.numerator + crr.churned > 0) return null;
  if (f.pendingFromMs !== null && f.pendingToMs !== null) {
    const [first, last] = [isoDay(f.pendingFromMs + w * MS_PER_DAY), isoDay(f.pendingToMs + w * MS_PER_DAY)];
    return `the ${w}-day windows of this period's at-risk customers end on ${first === last ? first : `${first} to ${last}`}`;
  }
  if (!f.periodOpen) return null;
  return `no ticket of this period's at-risk customers has closed since they were flagged; each ${w}-day window starts when one does`;
}
