import { ci, formatTable, int, num1, pct, type Money } from "./format-table.ts";
import type { Breakdown, BreakdownRow } from "./kpi-report.ts";

const crrCells = (r: BreakdownRow) => [
  int(r.crr?.denominator ?? 0),
  pct(r.crr?.rate ?? null),
  pct(r.crr?.decided.rate ?? null),
  r.crr?.decided.n ? ci(r.crr.decided.ci95) : "–",
];
const CRR_HEADER = ["at risk", "CRR", "CRR decided", "95% CI"];

type Columns = { header: string[]; cells: (r: BreakdownRow, money: Money) => string[] };

const month: Columns = {
  header: [
    "month",
    ...CRR_HEADER,
    "retention",
    "churn",
    "rev churn",
    "CSAT",
    "NPS",
    "CES",
    "FRT med h",
    "res med h",
    "res rate",
    "tickets",
  ],
  cells: (r) => [
    r.key,
    ...crrCells(r),
    pct(r.customers!.retentionRate),
    pct(r.customers!.churnRate),
    pct(r.customers!.revenueChurnRate),
    pct(r.satisfaction!.csat.score),
    num1(r.satisfaction!.nps.score),
    num1(r.satisfaction!.ces.mean),
    num1(r.tickets!.firstResponse.medianHours),
    num1(r.tickets!.resolution.medianHours),
    pct(r.tickets!.resolutionRate),
    int(r.tickets!.created),
  ],
};

/** Plan and segment: customer KPIs, CLV, satisfaction, CRR. */
const customerColumns = (dimension: string): Columns => ({
  header: [dimension, "start", "end", "retention", "churn", "rev churn", "CLV", "CSAT", "NPS", "CES", ...CRR_HEADER],
  cells: (r, money) => [
    r.key,
    int(r.customers!.atStart),
    int(r.customers!.atEnd),
    pct(r.customers!.retentionRate),
    pct(r.customers!.churnRate),
    pct(r.customers!.revenueChurnRate),
    money(r.value!.clv),
    pct(r.satisfaction!.csat.score),
    num1(r.satisfaction!.nps.score),
    num1(r.satisfaction!.ces.mean),
    ...crrCells(r),
  ],
});

/** Channel and agent: ticket KPIs, CRR by the interaction ticket. */
const ticketColumns = (dimension: string, named: boolean): Columns => ({
  header: [
    dimension,
    ...(named ? ["name"] : []),
    "tickets",
    "FRT med h",
    "FRT mean h",
    "res med h",
    "res mean h",
    "res rate",
    ...CRR_HEADER,
  ],
  cells: (r) => [
    r.key,
    ...(named ? [r.name ?? ""] : []),
    int(r.tickets!.created),
    num1(r.tickets!.firstResponse.medianHours),
    num1(r.tickets!.firstResponse.meanHours),
    num1(r.tickets!.resolution.medianHours),
    num1(r.tickets!.resolution.meanHours),
    pct(r.tickets!.resolutionRate),
    ...crrCells(r),
  ],
});

const COLUMNS: Record<Breakdown, Columns> = {
  month,
  plan: customerColumns("plan"),
  segment: customerColumns("segment"),
  channel: ticketColumns("channel", false),
  agent: ticketColumns("agent", true),
};

/** A breakdown as one table; CRR columns are by the interaction ticket for channel and agent. */
export function formatBreakdown(breakdown: { by: Breakdown; rows: BreakdownRow[] }, money: Money): string {
  const { header, cells } = COLUMNS[breakdown.by];
  const align = `l${breakdown.by === "agent" ? "l" : "r"}${"r".repeat(header.length - 2)}`;
  return [
    `By ${breakdown.by}`,
    formatTable(
      header,
      breakdown.rows.map((r) => cells(r, money)),
      align,
    ),
  ].join("\n");
}
