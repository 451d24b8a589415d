import {
  compareFigures,
  describeChange,
  supportRows,
  type KpiChange,
  type KpiReport,
  type SupportRow,
} from "../../kpi/index.ts";
import { count, day, money, percentValue } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";
import { ownerName, type People } from "./people.ts";

/** The class of a change cell: its verdict colours it (better, worse), volume stays neutral. */
const changeClass = (verdict: KpiChange["verdict"]) => `kpi-change${verdict ? ` ${verdict}` : ""}`;

function changeCell(text: string, verdict: KpiChange["verdict"]): SafeHtml {
  const said = verdict && verdict !== "same" ? html` <span class="sub">(${verdict})</span>` : "";
  return html`<td class="${changeClass(verdict)}">${text}${said}</td>`;
}

function supportRow(r: SupportRow): SafeHtml {
  const channel = r.label.startsWith("  ");
  return html`<tr${channel ? html` class="channel"` : ""}><th scope="row">${r.label.trim()}</th>
<td class="num">${r.current}</td><td class="num">${r.previous}</td>${changeCell(r.change, r.verdict)}</tr>`;
}

/** When each period's at-risk figure was taken, and from which run. */
function atRiskNote(r: KpiReport): string {
  const side = ({ atRiskOpenTickets: a }: KpiReport["support"]["current"]) =>
    a.runAsOf ? `${day(a.at)} (run of ${a.runAsOf}, ${count(a.atRisk)} at risk)` : `${day(a.at)} (no risk run yet)`;
  return (
    "At-risk customers with open tickets are counted at each period's end, or now if sooner: " +
    `${side(r.support.current)} and ${side(r.support.previous)}.`
  );
}

function atRiskTable(r: KpiReport, o: { currency?: string; people: People }): SafeHtml {
  const open = r.analyses.atRiskOpenTickets;
  const previous = r.support.previous;
  if (!open.runAsOf) return html`<p class="sub">No complete risk run yet: nobody is at risk.</p>`;
  if (!open.customers.length)
    return html`<p class="sub">None of the ${count(open.atRisk)} at-risk customers of the run of ${open.runAsOf}
has a ticket open now.</p>`;
  return html`<div class="table-wrap"><table id="kpi-at-risk-open"><caption>At-risk customers of the run of ${open.runAsOf}
with the most tickets open now (${count(open.withOpenTickets)} of ${count(open.atRisk)} at risk have one),
beside their open tickets at the end of ${previous.period.label}</caption>
<thead><tr><th scope="col">Customer</th><th scope="col">Owner</th><th scope="col" class="num">Risk</th>
<th scope="col" class="num">MRR</th><th scope="col" class="num">Open now</th>
<th scope="col" class="num">Open ${day(previous.atRiskOpenTickets.at)}</th><th scope="col">Change</th>
<th scope="col">Oldest open</th></tr></thead>
<tbody>${open.customers.map((c) => {
    const before = r.support.previousOpenTickets[c.customerId] ?? 0;
    const change = compareFigures(c.openTickets, before, "lower");
    return html`<tr><td><a href="/customers/${encodeURIComponent(c.customerId)}">${c.name ?? c.customerId}</a></td>
<td>${ownerName(o.people, c.ownerEmail)}</td><td class="num">${percentValue(c.probability * 100)}</td>
<td class="num">${money(c.mrr, o.currency)}</td><td class="num">${count(c.openTickets)}</td>
<td class="num">${count(before)}</td>${changeCell(describeChange(change, "count"), change.verdict)}<td>${day(c.oldestOpenAt)}</td></tr>`;
  })}</tbody></table></div>`;
}

/**
 * The support KPIs of the period beside the previous period's, with each change in words, and
 * the at-risk customers with the most open tickets beside their open tickets then.
 */
export function kpiSupportSection(r: KpiReport, o: { currency?: string; people: People }): SafeHtml {
  const { current, previous } = r.support;
  return html`<section id="kpi-support" aria-labelledby="kpi-support-h">
<h2 id="kpi-support-h">Support: ${current.period.label} beside ${previous.period.label}</h2>
<p class="sub">The previous period is as long and ends where this one starts (${previous.period.firstDay} to
${previous.period.lastDay}). Times are medians of the tickets created in each period.</p>
<div class="table-wrap"><table id="kpi-support-table"><caption>Support KPIs, this period and the previous one</caption>
<thead><tr><th scope="col">KPI</th><th scope="col" class="num">${current.period.label}</th>
<th scope="col" class="num">${previous.period.label}</th><th scope="col">Change</th></tr></thead>
<tbody>${supportRows(r.support).map(supportRow)}</tbody></table></div>
<p class="sub">${atRiskNote(r)}</p>
<h3>At-risk customers waiting on support</h3>
${atRiskTable(r, o)}
</section>`;
}
