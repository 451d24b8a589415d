import { formatBreakdown } from "./format-kpi-breakdown.ts";
import { DEFAULT_CURRENCY, moneyFormatter } from "../money/index.ts";
import { formatSupportComparison } from "./format-support-comparison.ts";
import { ci, formatTable, int, num1, pct, type Money } from "./format-table.ts";
import type { KpiReport, RetentionShare } from "./kpi-report.ts";

/** Rows of a retention-share table: n, retained, rate, interval, pending. */
export const shareCells = (s: RetentionShare): string[] => [
  int(s.n),
  int(s.retained),
  pct(s.rate),
  s.n ? ci(s.ci95) : "–",
  int(s.pending),
];
export const SHARE_HEADER = ["n", "retained", "rate", "95% CI", "pending"];

function formatSummary(r: KpiReport, money: Money): string {
  const { crr, customers: c, satisfaction: s, tickets: t, value: v } = r;
  const rows = [
    [
      "CRR (retained after support / at risk)",
      r.crrPendingReason ? "–" : pct(crr.rate),
      `${r.crrPendingReason ? `not yet: ${r.crrPendingReason}; ` : ""}` +
        `${int(crr.numerator)} of ${int(crr.denominator)} at risk · churned ${int(crr.churned)} · ` +
        `pending ${int(crr.pending)} · no interaction ${int(crr.noInteraction)}`,
    ],
    [
      "CRR among decided windows",
      pct(crr.decided.rate),
      `${int(crr.decided.retained)} of ${int(crr.decided.n)} ${crr.decided.n ? ci(crr.decided.ci95) : ""}`,
    ],
    [
      "Customer retention rate",
      pct(c.retentionRate),
      `start ${int(c.atStart)} · end ${int(c.atEnd)} · new ${int(c.new)}`,
    ],
    ["Churn rate", pct(c.churnRate), `${int(c.churned)} churned`],
    ["Revenue churn", pct(c.revenueChurnRate), `MRR ${money(c.mrrChurned)} of ${money(c.mrrAtStart)}`],
    ["CSAT (share 4–5)", pct(s.csat.score), `${int(s.csat.satisfied)} of ${int(s.csat.responses)} answers`],
    [
      "NPS",
      num1(s.nps.score),
      `${int(s.nps.responses)} answers · ${int(s.nps.promoters)} promoters · ${int(s.nps.detractors)} detractors`,
    ],
    ["CES (mean 1–7)", num1(s.ces.mean), `${int(s.ces.responses)} answers`],
    [
      "First response, median h",
      num1(t.firstResponse.medianHours),
      `mean ${num1(t.firstResponse.meanHours)} h · ${int(t.firstResponse.n)} tickets`,
    ],
    [
      "Resolution, median h",
      num1(t.resolution.medianHours),
      `mean ${num1(t.resolution.meanHours)} h · ${int(t.resolution.n)} tickets`,
    ],
    [
      "Resolution rate",
      pct(t.resolutionRate),
      `${int(t.resolvedByEnd)} of ${int(t.created)} created, resolved by the end of P`,
    ],
    ["ARPA (mean MRR at start)", money(v.arpa), ""],
    ["CLV (ARPA ÷ monthly churn)", money(v.clv), `monthly churn ${pct(v.monthlyChurnRate)}`],
    [
      "Cost per retained customer",
      money(v.costPerRetained),
      v.spend === null ? "give --spend" : `spend ${money(v.spend)} ÷ ${int(crr.numerator)}`,
    ],
  ];
  return formatTable(["KPI", "value", "detail"], rows, "lrl");
}

function formatAnalyses(r: KpiReport, money: Money): string {
  const a = r.analyses;
  const res = a.retentionByResolutionTime;
  const open = a.atRiskOpenTickets;
  return [
    `Retention ${r.windowDays} days after the first ticket resolved in P, by resolution time`,
    formatTable(
      ["resolution", ...SHARE_HEADER],
      res.buckets.map((b) => [b.bucket, ...shareCells(b)]),
    ),
    `→ ${res.finding}`,
    "",
    "Retention by channel of that ticket",
    formatTable(
      ["channel", ...SHARE_HEADER],
      a.retentionByChannel.map((c) => [c.channel, ...shareCells(c)]),
    ),
    "",
    open.runAsOf
      ? `At-risk customers of the run of ${open.runAsOf} with the most open tickets now ` +
        `(${int(open.withOpenTickets)} of ${int(open.atRisk)} at risk have one)`
      : "At-risk customers with open tickets: no complete risk run yet",
    formatTable(
      ["customer", "name", "owner", "band", "risk", "MRR", "open", "oldest open"],
      open.customers.map((c) => [
        c.customerId,
        c.name ?? "",
        c.ownerEmail ?? "",
        c.band,
        pct(c.probability * 100),
        money(c.mrr),
        int(c.openTickets),
        c.oldestOpenAt.slice(0, 10),
      ]),
      "llllrrrr",
    ),
    "",
    `Agents by the share of customers they served (ticket closed in P) who stayed ${r.windowDays} days (top 20 of ${a.agents.length})`,
    formatTable(
      ["#", "agent", "name", ...SHARE_HEADER],
      a.agents.slice(0, 20).map((g) => [String(g.rank), g.agentId, g.name ?? "", ...shareCells(g)]),
      `rll${"r".repeat(5)}`,
    ),
  ].join("\n");
}

/** The report as readable text tables (rates with 1 decimal, intervals as [lo–hi], amounts in `currency`, default USD). */
export function formatKpiReport(r: KpiReport, currency = DEFAULT_CURRENCY): string {
  const p = r.period;
  const money = moneyFormatter(currency);
  const channels = Object.entries(r.tickets.byChannel ?? {});
  return [
    `KPIs for ${p.label} (${p.firstDay} to ${p.lastDay}, ${p.days} days) · window ${r.windowDays} ` +
      `days · now ${r.now.slice(0, 16).replace("T", " ")} UTC`,
    "",
    formatSummary(r, money),
    "",
    `Tickets created in P by channel: ${channels.length ? channels.map(([c, n]) => `${c} ${int(n)}`).join(" · ") : "none"}`,
    "",
    formatSupportComparison(r.support),
    ...(r.breakdown ? ["", formatBreakdown(r.breakdown, money)] : []),
    "",
    formatAnalyses(r, money),
  ].join("\n");
}
