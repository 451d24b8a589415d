import { describeChange, type ChangeUnit } from "./describe-change.ts";
import { formatTable, int, num1, pct } from "./format-table.ts";
import type { KpiChange, SupportComparison } from "./kpi-report.ts";

/** One row of the comparison: what, this period, the previous one, and the change in words. */
export interface SupportRow {
  label: string;
  current: string;
  previous: string;
  change: string;
  verdict: KpiChange["verdict"];
}

function cell(value: number | null, unit: ChangeUnit): string {
  if (value === null) return "–";
  return unit === "hours" ? `${num1(value)} h` : unit === "points" ? pct(value) : int(value);
}

/**
 * The support KPIs of P and of the previous period as rows, in the order people read them:
 * first response and resolution (medians), resolution rate, volume in total and per channel,
 * at-risk customers with open tickets at each period's end. Shared by the CLI and the KPI page.
 */
export function supportRows(s: SupportComparison): SupportRow[] {
  const row = (label: string, change: KpiChange, unit: ChangeUnit): SupportRow => ({
    label,
    current: cell(change.current, unit),
    previous: cell(change.previous, unit),
    change: describeChange(change, unit),
    verdict: change.verdict,
  });
  const c = s.changes;
  return [
    row("First response, median", c.firstResponseMedianHours, "hours"),
    row("Resolution time, median", c.resolutionMedianHours, "hours"),
    row("Resolution rate (by the period's end)", c.resolutionRate, "points"),
    row("Tickets created", c.created, "count"),
    ...Object.entries(c.byChannel).map(([channel, change]) => row(`  by ${channel}`, change, "count")),
    row("At-risk customers with open tickets (at the end)", c.atRiskWithOpenTickets, "count"),
  ];
}

/** The comparison as a text table for `retain kpi`. */
export function formatSupportComparison(s: SupportComparison): string {
  const { current: p, previous: q } = s;
  return [
    `Support KPIs: ${p.period.label} beside the previous period, ${q.period.label} (${q.period.firstDay} to ${q.period.lastDay})`,
    formatTable(
      ["KPI", p.period.label, q.period.label, "change"],
      supportRows(s).map((r) => [r.label, r.current, r.previous, r.verdict ? `${r.change}, ${r.verdict}` : r.change]),
      "lrrl",
    ),
  ].join("\n");
}
