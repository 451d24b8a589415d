import type { Outcome, OutcomeCountRow } from "../db/repositories/kpi/index.ts";
import type { CrrKpi, RetentionShare } from "./kpi-report.ts";
import { wilsonInterval } from "./wilson-interval.ts";

/** k / n × 100, or null when n = 0. */
export function percent(k: number, n: number): number | null {
  return n > 0 ? (k / n) * 100 : null;
}

export type OutcomeCounts = Record<Outcome, number>;

/** Adds up outcome rows (of one group) into counts per outcome. */
export function countOutcomes(rows: Pick<OutcomeCountRow, "outcome" | "customers">[]): OutcomeCounts {
  const counts: OutcomeCounts = { retained: 0, churned: 0, pending: 0, none: 0 };
  for (const r of rows) counts[r.outcome] += Number(r.customers);
  return counts;
}

/** The share retained among decided windows (pending excluded from n), with its Wilson 95% interval in percent. */
export function retentionShare(counts: Pick<OutcomeCounts, "retained" | "churned" | "pending">): RetentionShare {
  const n = counts.retained + counts.churned;
  const [lo, hi] = wilsonInterval(counts.retained, n);
  return {
    n,
    retained: counts.retained,
    churned: counts.churned,
    pending: counts.pending,
    rate: percent(counts.retained, n),
    ci95: [lo * 100, hi * 100],
  };
}

/**
 * CRR from the cohort's outcome counts: retained / cohort × 100. Pending and churned
 * customers and those without an interaction stay in the denominator, never in the numerator.
 */
export function summarizeCrr(counts: OutcomeCounts): CrrKpi {
  const denominator = counts.retained + counts.churned + counts.pending + counts.none;
  return {
    denominator,
    numerator: counts.retained,
    rate: percent(counts.retained, denominator),
    churned: counts.churned,
    pending: counts.pending,
    noInteraction: counts.none,
    decided: retentionShare(counts),
  };
}

/** Splits rows by their group key; a null key becomes "(none)". */
export function byKey<T extends { grp: string | null }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const key = r.grp ?? NONE_KEY;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}

/** The key of rows whose plan, segment, channel or agent is missing. */
export const NONE_KEY = "(none)";
