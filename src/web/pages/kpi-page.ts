import type { KpiReport, RetentionShare } from "../../kpi/index.ts";
import type { Principal } from "../../auth/index.ts";
import { count, dateTime, decimal, money, percentValue } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";
import { stalenessNotice, type KpiStaleness } from "../kpi-staleness.ts";
import { renderPage } from "../layout.ts";
import { kpiSupportSection } from "./kpi-support-section.ts";
import type { People } from "./people.ts";

/** The default KPI page period: the six whole calendar months before `nowMs` (UTC), as `YYYY-MM-01..YYYY-MM-DD`. */
export function defaultKpiPeriod(nowMs: number): string {
  const now = new Date(nowMs);
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, 1));
  return `${start.toISOString().slice(0, 10)}..${end.toISOString().slice(0, 10)}`;
}

const share = (s: RetentionShare) => ({ rate: s.rate, lo: s.ci95[0], hi: s.ci95[1], n: s.n, pending: s.pending });

/** What kpi.js draws: series by month and the analyses with their Wilson intervals. */
function chartData(r: KpiReport) {
  const months = r.breakdown?.rows ?? [];
  return {
    months: months.map((m) => m.key),
    crr: months.map((m) => m.crr?.rate ?? null),
    crrDecided: months.map((m) => (m.crr ? share(m.crr.decided) : null)),
    churn: months.map((m) => m.customers?.churnRate ?? null),
    retention: months.map((m) => m.customers?.retentionRate ?? null),
    csat: months.map((m) => m.satisfaction?.csat.score ?? null),
    nps: months.map((m) => m.satisfaction?.nps.score ?? null),
    buckets: r.analyses.retentionByResolutionTime.buckets.map((b) => ({ label: b.bucket, ...share(b) })),
    channels: r.analyses.retentionByChannel.map((c) => ({ label: c.channel, ...share(c) })),
    agents: r.analyses.agents.slice(0, 15).map((a) => ({ label: a.name ?? a.agentId, ...share(a) })),
  };
}

function tile(label: string, value: string, sub?: string): SafeHtml {
  return html`<div class="tile"><span class="label">${label}</span><span class="value">${value}</span>${
    sub ? html`<span class="sub">${sub}</span>` : ""
  }</div>`;
}

function shareRows(rows: (RetentionShare & { label: string })[]): SafeHtml[] {
  return rows.map(
    (s) =>
      html`<tr><td>${s.label}</td><td class="num">${percentValue(s.rate)}</td>
<td class="num">${percentValue(s.ci95[0])} – ${percentValue(s.ci95[1])}</td><td class="num">${count(s.n)}</td>
<td class="num">${count(s.pending)}</td></tr>`,
  );
}

function shareTable(caption: string, rows: (RetentionShare & { label: string })[]): SafeHtml {
  return html`<details><summary>Data</summary><div class="table-wrap"><table><caption>${caption}</caption>
<thead><tr><th scope="col"></th><th scope="col" class="num">Retained</th>
<th scope="col" class="num">95 % interval</th><th scope="col" class="num">n</th>
<th scope="col" class="num">Pending</th></tr></thead>
<tbody>${shareRows(rows)}</tbody></table></div></details>`;
}

function chart(id: string, title: string, extra: SafeHtml | string = ""): SafeHtml {
  return html`<figure class="chart">
<figcaption id="${id}-h">${title}</figcaption><canvas id="${id}" role="img" aria-labelledby="${id}-h"></canvas>${extra}</figure>`;
}

/** The notice of a report being refreshed, with a link to load the new figures. */
function refreshNotice(computedAt: Date, refreshing: KpiStaleness | null): SafeHtml | string {
  if (!refreshing) return "";
  return html`<p class="notice refreshing" id="kpi-refreshing" role="status">${stalenessNotice(computedAt, refreshing)}
<a href="">Reload</a> in a few seconds for the new ones.</p>`;
}

/**
 * KPI page: headline tiles, the support KPIs beside the previous period, the at-risk customers
 * waiting on support, and charts of CRR, churn, CSAT/NPS by month, retention by resolution time,
 * channel and agent with intervals. `refreshing`: the report is stale and a new one is being
 * computed (the page says so, and from when its figures are).
 */
export function kpiPage(o: {
  principal: Principal;
  report: KpiReport;
  computedAt: Date;
  refreshing?: KpiStaleness | null;
  input: { period?: string; windowDays?: string; now?: string };
  currency?: string;
  /** The users, to name owners. */
  people: People;
}): string {
  const r = o.report;
  const a = r.analyses;
  const months = r.breakdown?.rows ?? [];
  const body = html`<h1>KPIs</h1>
<form method="get" action="/kpis" class="filters" aria-label="KPI period">
  <div class="field"><label for="k-period">Period</label><input id="k-period" name="period"
    value="${o.input.period ?? r.period.label}" aria-describedby="k-period-help" size="24"></div>
  <div class="field"><label for="k-window">Window (days)</label><input id="k-window" name="windowDays" type="number"
    min="1" max="3650" value="${o.input.windowDays ?? String(r.windowDays)}"></div>
  <div class="field"><label for="k-now">As of</label><input id="k-now" name="now" type="date" value="${o.input.now ?? ""}"></div>
  <div class="field actions"><button type="submit">Show</button></div>
  <p id="k-period-help" class="sub">2026-Q2, 2026-05, or 2026-05-01..2026-10-31.
    Retention is counted W days after each event; windows ending after “as of” are pending.</p>
</form>
${refreshNotice(o.computedAt, o.refreshing ?? null)}
<p class="summary">${r.period.firstDay} to ${r.period.lastDay} · window ${r.windowDays} days ·
  figures computed <time id="kpi-computed-at" datetime="${o.computedAt.toISOString()}">${dateTime(o.computedAt)}</time></p>
<div class="tiles">
  ${tile(
    "CRR (support interaction)",
    r.crrPendingReason ? "–" : percentValue(r.crr.rate), // 0 % of a cohort nobody's window has ended for says nothing
    r.crrPendingReason ?? `${count(r.crr.numerator)} of ${count(r.crr.denominator)} at-risk customers retained`,
  )}
  ${tile(
    "Retained when decided",
    percentValue(r.crr.decided.rate),
    `95 %: ${percentValue(r.crr.decided.ci95[0])}–${percentValue(r.crr.decided.ci95[1])}, ${count(r.crr.pending)} pending`,
  )}
  ${tile("Churn rate", percentValue(r.customers.churnRate), `${count(r.customers.churned)} of ${count(r.customers.atStart)}`)}
  ${tile("Revenue churn", percentValue(r.customers.revenueChurnRate), `${money(r.customers.mrrChurned, o.currency)} MRR`)}
  ${tile("CSAT", percentValue(r.satisfaction.csat.score), `${count(r.satisfaction.csat.responses)} answers`)}
  ${tile("NPS", decimal(r.satisfaction.nps.score, 1), `${count(r.satisfaction.nps.responses)} answers`)}
  ${tile("CES", decimal(r.satisfaction.ces.mean, 2), `${count(r.satisfaction.ces.responses)} answers`)}
  ${tile("CLV", money(r.value.clv, o.currency), `ARPA ${money(r.value.arpa, o.currency)}`)}
</div>
${kpiSupportSection(r, { currency: o.currency, people: o.people })}
<div class="charts two">
  ${chart(
    "crr-chart",
    "CRR by support interaction, by month (bars: retained ÷ at-risk cohort; whiskers: 95 % interval of the decided share)",
    html`<details><summary>Data</summary><div class="table-wrap"><table><caption>CRR by month</caption><thead>
<tr><th scope="col">Month</th><th scope="col" class="num">CRR</th><th scope="col" class="num">Cohort</th>
<th scope="col" class="num">Retained</th><th scope="col" class="num">Churned</th>
<th scope="col" class="num">Pending</th></tr></thead>
    <tbody>${months.map(
      (m) => html`<tr><td>${m.key}</td><td class="num">${percentValue(m.crr?.rate)}</td>
<td class="num">${count(m.crr?.denominator)}</td><td class="num">${count(m.crr?.numerator)}</td>
<td class="num">${count(m.crr?.churned)}</td><td class="num">${count(m.crr?.pending)}</td></tr>`,
    )}</tbody>
</table></div></details>`,
  )}
  ${chart(
    "churn-chart",
    "Churn rate and customer retention rate, by month",
    html`<details><summary>Data</summary><div class="table-wrap"><table><caption>Churn by month</caption><thead>
<tr><th scope="col">Month</th><th scope="col" class="num">Churn</th><th scope="col" class="num">Retention</th>
<th scope="col" class="num">Churned</th></tr></thead>
    <tbody>${months.map(
      (m) => html`<tr><td>${m.key}</td>
<td class="num">${percentValue(m.customers?.churnRate)}</td>
<td class="num">${percentValue(m.customers?.retentionRate)}</td>
<td class="num">${count(m.customers?.churned)}</td></tr>`,
    )}</tbody></table></div></details>`,
  )}
  ${chart(
    "satisfaction-chart",
    "CSAT (% satisfied) and NPS, by month",
    html`<details><summary>Data</summary><div class="table-wrap"><table><caption>Satisfaction by month</caption>
<thead><tr><th scope="col">Month</th><th scope="col" class="num">CSAT</th><th scope="col" class="num">NPS</th>
<th scope="col" class="num">Answers</th></tr></thead>
    <tbody>${months.map(
      (m) => html`<tr><td>${m.key}</td>
<td class="num">${percentValue(m.satisfaction?.csat.score)}</td>
<td class="num">${decimal(m.satisfaction?.nps.score, 1)}</td>
<td class="num">${count((m.satisfaction?.csat.responses ?? 0) + (m.satisfaction?.nps.responses ?? 0))}</td>
</tr>`,
    )}</tbody></table></div></details>`,
  )}
  ${chart(
    "resolution-chart",
    `Retained ${r.windowDays} days after a resolved ticket, by resolution time (points: share; whiskers: 95 % interval)`,
    html`<p class="finding">${a.retentionByResolutionTime.finding}</p>${shareTable(
      "Retention by resolution time",
      a.retentionByResolutionTime.buckets.map((b) => ({ ...b, label: b.bucket })),
    )}`,
  )}
  ${chart(
    "channel-chart",
    `Retained ${r.windowDays} days after a resolved ticket, by channel (whiskers: 95 % interval)`,
    shareTable(
      "Retention by channel",
      a.retentionByChannel.map((c) => ({ ...c, label: c.channel })),
    ),
  )}
  ${chart(
    "agents-chart",
    `Agents: customers served who stayed ${r.windowDays} days (top 15, whiskers: 95 % interval)`,
    shareTable(
      "Agents by retention",
      a.agents.map((g) => ({ ...g, label: `${g.rank}. ${g.name ?? g.agentId}` })),
    ),
  )}
</div>`;
  return renderPage({
    title: "KPIs",
    principal: o.principal,
    active: "kpis",
    body,
    data: chartData(r),
    scripts: ["chart.umd.js", "charts.js", "kpi.js"],
  });
}
