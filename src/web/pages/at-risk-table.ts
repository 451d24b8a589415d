import type { AtRiskItem, AtRiskQuery } from "../../scoring/index.ts";
import { dateTime, day, money, percent, points } from "../format.ts";
import { html, queryString, type SafeHtml } from "../html.ts";

const CHANGE_LABEL: Record<string, string> = { new: "New", up: "Up", down: "Down", same: "Same" };

const SORT_WORDS: Record<string, string> = {
  risk: "probability",
  mrrAtRisk: "MRR at risk",
  change: "change since the last run",
  mrr: "MRR",
  name: "name",
};

/** The sort a header's first click asks for: names A→Z, figures highest first. */
const FIRST_ORDER: Record<string, "asc" | "desc"> = { name: "asc" };

/** The list's filters without its sort and order (links add their own). */
export type TableFilters = Record<string, string | undefined>;

/** A column header that sorts by `sort`: a plain link keeping the filters; a second click reverses the order. */
function sortHeader(q: AtRiskQuery, filters: TableFilters, sort: AtRiskQuery["sort"], label: string, num = false) {
  const first = FIRST_ORDER[sort] ?? "desc";
  const current = q.sort === sort;
  const order = current ? (q.order === "desc" ? "asc" : "desc") : first;
  const href = `/at-risk${queryString({
    ...filters,
    sort: sort === "risk" ? undefined : sort,
    order: order === "desc" ? undefined : order,
  })}`;
  const arrow = current ? (q.order === "desc" ? " ↓" : " ↑") : "";
  const ariaSort = current ? html` aria-sort="${q.order === "desc" ? "descending" : "ascending"}"` : "";
  return html`<th scope="col"${num ? html` class="num"` : ""}${ariaSort}><a class="sort" href="${href}"
  data-sort="${sort}">${label}${arrow}</a></th>`;
}

function renewal(i: AtRiskItem): SafeHtml | string {
  if (i.renewalDate === null || i.daysToRenewal === null) return "–";
  const days = i.daysToRenewal;
  const when = days === 0 ? "today" : days === 1 ? "in 1 day" : `in ${days} days`;
  return html`${i.renewalDate}<div class="sub">${when}</div>`;
}

function row(i: AtRiskItem, snoozedView: boolean, currency?: string): SafeHtml {
  const change = CHANGE_LABEL[i.change] ?? i.change;
  return html`<tr>
  <td data-label="Customer"><a href="/customers/${encodeURIComponent(i.customerId)}">${i.name ?? i.customerId}</a><div
    class="sub">${i.customerId} · ${i.plan ?? "–"} · ${i.segment ?? "–"}${
      i.snoozedUntil && !snoozedView ? html` · <span class="muted">snoozed</span>` : ""
    }</div>
</td>
  <td class="num" data-label="Probability">${percent(i.probability)}</td>
  <td data-label="Band"><span class="band band-${i.band}">${i.band}</span></td>
  <td data-label="Top drivers"><ul class="drivers">${i.drivers.map((dr) => html`<li>${dr.text}</li>`)}</ul></td>
  <td class="num" data-label="MRR at risk">${money(i.mrrAtRisk, currency)}<div class="sub">of ${money(i.mrr, currency)}</div></td>
  <td data-label="Renewal">${renewal(i)}</td>
  <td data-label="Since last run"><span class="change change-${i.change}">${change}</span>${
    i.delta === null ? "" : html`<div class="sub">${points(i.delta)}</div>`
  }</td>
  <td data-label="Last ticket">${
    i.lastTicket
      ? html`${i.lastTicket.subject ?? i.lastTicket.externalId}<div class="sub">${i.lastTicket.status}
        · ${day(i.lastTicket.createdAt)}${i.openTickets ? ` · ${i.openTickets} open` : ""}</div>`
      : "–"
  }</td>
  <td data-label="Last CSAT">${i.lastCsat ? html`${i.lastCsat.score}/5<div class="sub">${day(i.lastCsat.respondedAt)}</div>` : "–"}</td>
  <td data-label="Owner">${i.owner ?? html`<span class="muted">nobody</span>`}</td>${
    snoozedView ? html`\n  <td data-label="Snoozed until">${dateTime(i.snoozedUntil)}</td>` : ""
  }
</tr>`;
}

/** The list's table: sortable headers (links), one row per customer, an empty row when nothing matches. */
export function atRiskTable(q: AtRiskQuery, filters: TableFilters, items: AtRiskItem[], currency?: string): SafeHtml {
  const snoozedView = q.scope === "snoozed";
  const columns = snoozedView ? 11 : 10;
  return html`<div class="table-wrap"><table id="at-risk-table">
<caption class="visually-hidden">Customers sorted by ${SORT_WORDS[q.sort] ?? q.sort}, ${
    q.sort === "name"
      ? q.order === "asc"
        ? "A to Z"
        : "Z to A"
      : q.order === "desc"
        ? "highest first"
        : "lowest first"
  }</caption>
<thead><tr>${sortHeader(q, filters, "name", "Customer")}${sortHeader(q, filters, "risk", "Probability", true)}
<th scope="col">Band</th><th scope="col">Top drivers</th>${sortHeader(q, filters, "mrrAtRisk", "MRR at risk", true)}
<th scope="col">Renewal</th>${sortHeader(q, filters, "change", "Since last run")}<th scope="col">Last ticket</th>
<th scope="col">Last CSAT</th><th scope="col">Owner</th>${snoozedView ? html`<th scope="col">Snoozed until</th>` : ""}</tr></thead>
<tbody>${
    items.length
      ? items.map((i) => row(i, snoozedView, currency))
      : html`<tr>
<td colspan="${columns}" class="empty">No customers match these filters.</td></tr>`
  }</tbody>
</table></div>`;
}
