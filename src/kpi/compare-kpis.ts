import type { KpiChange, SupportComparison, SupportSnapshot } from "./kpi-report.ts";

/** Which way is good news for a figure: `lower` (times, customers waiting), `higher` (rates), or neither (volume). */
export type GoodDirection = "lower" | "higher" | null;

/** The change of one figure from `previous` to `current` (see KpiChange); null figures give nulls. */
export function compareFigures(current: number | null, previous: number | null, good: GoodDirection): KpiChange {
  if (current === null || previous === null)
    return { current, previous, difference: null, percent: null, direction: null, verdict: null };
  const difference = current - previous;
  const direction = difference > 0 ? "up" : difference < 0 ? "down" : "same";
  const goodNews = good === null ? null : (good === "lower") === difference < 0;
  return {
    current,
    previous,
    difference,
    percent: previous === 0 ? null : (difference / Math.abs(previous)) * 100,
    direction,
    verdict: goodNews === null ? null : direction === "same" ? "same" : goodNews ? "better" : "worse",
  };
}

/**
 * The support KPIs of P beside the previous period's: the medians of first response and
 * resolution (lower is better), the resolution rate (higher is better), the volume, in total
 * and per channel (neutral), and the at-risk customers with open tickets (lower is better; no
 * figure without a risk run).
 */
export function compareSupport(o: {
  current: SupportSnapshot;
  previous: SupportSnapshot;
  previousOpenTickets: Record<string, number>;
}): SupportComparison {
  const { current: c, previous: p } = o;
  const channels = [...new Set([...Object.keys(c.byChannel), ...Object.keys(p.byChannel)])].sort(
    (a, b) => (c.byChannel[b] ?? 0) - (c.byChannel[a] ?? 0) || a.localeCompare(b),
  );
  return {
    current: c,
    previous: p,
    changes: {
      firstResponseMedianHours: compareFigures(c.firstResponse.medianHours, p.firstResponse.medianHours, "lower"),
      resolutionMedianHours: compareFigures(c.resolution.medianHours, p.resolution.medianHours, "lower"),
      resolutionRate: compareFigures(c.resolutionRate, p.resolutionRate, "higher"),
      created: compareFigures(c.created, p.created, null),
      byChannel: Object.fromEntries(
        channels.map((ch) => [ch, compareFigures(c.byChannel[ch] ?? 0, p.byChannel[ch] ?? 0, null)]),
      ),
      atRiskWithOpenTickets: compareFigures(withOpen(c), withOpen(p), "lower"),
    },
    previousOpenTickets: o.previousOpenTickets,
  };
}

const withOpen = (s: SupportSnapshot) =>
  s.atRiskOpenTickets.runAsOf === null ? null : s.atRiskOpenTickets.withOpenTickets;
