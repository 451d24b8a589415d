import type { Principal } from "../../auth/index.ts";
import type { AtRiskItem, AtRiskList, AtRiskQuery } from "../../scoring/index.ts";
import { count, day, money, percent, points } from "../format.ts";
import { html, queryString, type HtmlValue, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";

export interface AtRiskPageData {
  principal: Principal;
  query: AtRiskQuery;
  list: AtRiskList;
  choices: { plans: string[]; segments: string[]; owners: string[] };
  /** ISO 4217 code of the amounts (RETAIN_CURRENCY); default USD. */
  currency?: string;
}

const CHANGE_LABEL: Record<string, string> = { new: "New", up: "Up", down: "Down", same: "Same" };

function select(name: string, label: string, value: string | undefined, options: [string, string][]): SafeHtml {
  return html`<div class="field"><label for="f-${name}">${label}</label>
  <select id="f-${name}" name="${name}">${options.map(
    ([v, text]) => html`<option value="${v}"${v === (value ?? "") ? html` selected` : ""}>${text}</option>`,
  )}</select>
</div>`;
}

function filters(d: AtRiskPageData): SafeHtml {
  const q = d.query;
  const any: [string, string] = ["", "Any"];
  const open = q.hasOpenTicket === undefined ? "" : String(q.hasOpenTicket);
  return html`<form method="get" action="/at-risk" class="filters" aria-label="Filter and sort the list">
  <div class="field search"><label for="f-q">Search</label>
  <input id="f-q" name="q" type="search" value="${q.q ?? ""}" maxlength="200" placeholder="Name, id or email"></div>
  ${select("scope", "Show", q.scope, [
    ["at_risk", "At-risk customers"],
    ["all", "Everyone scored"],
  ])}
  ${select("band", "Band", q.band, [any, ["high", "High"], ["medium", "Medium"], ["low", "Low"]])}
  ${select("plan", "Plan", q.plan, [any, ...d.choices.plans.map((p): [string, string] => [p, p])])}
  ${select("segment", "Segment", q.segment, [any, ...d.choices.segments.map((s): [string, string] => [s, s])])}
  ${select("owner", "Owner", q.owner, [any, ["none", "Nobody"], ...d.choices.owners.map((o): [string, string] => [o, o])])}
  ${select("hasOpenTicket", "Open ticket", open, [any, ["true", "Has an open ticket"], ["false", "No open ticket"]])}
  ${select("sort", "Sort by", q.sort, [
    ["risk", "Risk"],
    ["mrrAtRisk", "MRR at risk"],
    ["change", "Change since last run"],
  ])}
  ${select("order", "Order", q.order, [
    ["desc", "Highest first"],
    ["asc", "Lowest first"],
  ])}
  <div class="field actions"><button type="submit">Apply</button> <a href="/at-risk">Reset</a></div>
</form>`;
}

function row(i: AtRiskItem, currency?: string): SafeHtml {
  const change = CHANGE_LABEL[i.change] ?? i.change;
  return html`<tr>
  <td><a href="/customers/${encodeURIComponent(i.customerId)}">${i.name ?? i.customerId}</a><div
    class="sub">${i.customerId} · ${i.plan ?? "–"} · ${i.segment ?? "–"}</div>
</td>
  <td class="num">${percent(i.probability)}</td>
  <td><span class="band band-${i.band}">${i.band}</span></td>
  <td><ul class="drivers">${i.drivers.map((dr) => html`<li>${dr.text}</li>`)}</ul></td>
  <td class="num">${money(i.mrrAtRisk, currency)}<div class="sub">of ${money(i.mrr, currency)}</div></td>
  <td><span class="change change-${i.change}">${change}</span>${
    i.delta === null ? "" : html`<div class="sub">${points(i.delta)}</div>`
  }</td>
  <td>${
    i.lastTicket
      ? html`${i.lastTicket.subject ?? i.lastTicket.externalId}<div class="sub">${i.lastTicket.status}
        · ${day(i.lastTicket.createdAt)}${i.openTickets ? ` · ${i.openTickets} open` : ""}</div>`
      : "–"
  }</td>
  <td>${i.lastCsat ? html`${i.lastCsat.score}/5<div class="sub">${day(i.lastCsat.respondedAt)}</div>` : "–"}</td>
  <td>${i.owner ?? html`<span class="muted">nobody</span>`}</td>
</tr>`;
}

function pager(d: AtRiskPageData, filterParams: Record<string, string | undefined>): HtmlValue {
  const { total, limit, offset } = d.list;
  if (total <= limit && offset === 0) return "";
  const link = (o: number) =>
    `/at-risk${queryString({ ...filterParams, limit: limit === 50 ? undefined : limit, offset: o || undefined })}`;
  return html`<nav class="pager" aria-label="Pages">
  ${
    offset > 0
      ? html`<a href="${link(Math.max(0, offset - limit))}" rel="prev">← Previous</a>`
      : html`<span class="muted">← Previous</span>`
  }
  <span>Page ${Math.floor(offset / limit) + 1} of ${Math.max(1, Math.ceil(total / limit))}</span>
  ${offset + limit < total ? html`<a href="${link(offset + limit)}" rel="next">Next →</a>` : html`<span class="muted">Next →</span>`}
</nav>`;
}

/** The at-risk list: filters, sorting, one page of customers with their drivers, change, last ticket and CSAT, owner; CSV export. */
export function atRiskPage(d: AtRiskPageData): string {
  const q = d.query;
  const filterParams = {
    q: q.q,
    band: q.band,
    plan: q.plan,
    segment: q.segment,
    owner: q.owner,
    hasOpenTicket: q.hasOpenTicket === undefined ? undefined : String(q.hasOpenTicket),
    scope: q.scope === "at_risk" ? undefined : q.scope,
    sort: q.sort === "risk" ? undefined : q.sort,
    order: q.order === "desc" ? undefined : q.order,
  };
  const run = d.list.run;
  const first = d.list.total ? d.list.offset + 1 : 0;
  const last = d.list.offset + d.list.items.length;
  const body = html`<h1>At-risk customers</h1>
${
  run
    ? html`<p class="lead">Risk run of <strong>${day(run.asOf)}</strong> (model ${run.modelVersion})${
        run.previousAsOf ? html`; changes are since the run of ${day(run.previousAsOf)}` : ""
      }. Snoozed customers are not listed.</p>`
    : html`<p class="lead">No risk run yet: train and promote a model, then run <code>npx retain score</code>.</p>`
}
${filters(d)}
<p class="summary" role="status"><span id="list-count">${count(d.list.total)}</span> customers${
    d.list.total ? html` · showing ${count(first)}–${count(last)}` : ""
  }
 · <a href="/api/v1/at-risk.csv${queryString(filterParams)}" download>Export CSV</a></p>
<div class="table-wrap"><table id="at-risk-table">
<caption class="visually-hidden">At-risk customers, ${q.sort} ${q.order === "desc" ? "highest first" : "lowest first"}</caption>
<thead><tr><th scope="col">Customer</th><th scope="col" class="num">Probability</th><th scope="col">Band</th>
<th scope="col">Top drivers</th>
<th scope="col" class="num">MRR at risk</th><th scope="col">Since last run</th><th scope="col">Last ticket</th>
<th scope="col">Last CSAT</th><th scope="col">Owner</th></tr></thead>
<tbody>${
    d.list.items.length
      ? d.list.items.map((i) => row(i, d.currency))
      : html`<tr>
<td colspan="9" class="empty">No customers match these filters.</td></tr>`
  }</tbody>
</table></div>
${pager(d, filterParams)}`;
  return renderPage({ title: "At risk", principal: d.principal, active: "at-risk", body });
}
