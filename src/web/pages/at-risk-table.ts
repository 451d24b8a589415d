import { ownerName, type People } from "./people.ts";
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
  renewal: "renewal date",
};

/** The sort a header's first click asks for: names A→Z, renewals soonest first, figures highest first. */
const FIRST_ORDER: Record<string, "asc" | "desc"> = { name: "asc", renewal: "asc" };

/** The caption's words for the order of a sort. */
function orderWords(q: AtRiskQuery): string {
  if (q.sort === "name") return q.order === "asc" ? "A to Z" : "Z to A";
  if (q.sort === "renewal") return `${q.order === "asc" ? "soonest first" : "latest first"}, unknown renewals last`;
  return q.order === "desc" ? "highest first" : "lowest first";
}

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

/** The row's box for the bulk form (outside the form, tied to it by form="bulk-form"). */
function pick(i: AtRiskItem): SafeHtml {
  return html`<td class="pick"><input type="checkbox" name="ids" value="${i.customerId}" form="bulk-form"
    aria-label="Select ${i.name ?? i.customerId}"></td>`;
}

/** The Snoozed view's columns, beside the customer: the snooze's end and its reason. */
const snoozeHeaders = html`<th scope="col">Snoozed until</th><th scope="col">Snooze reason</th>`;

function snoozeCells(i: AtRiskItem): SafeHtml {
  return html`
  <td data-label="Snoozed until">${dateTime(i.snoozedUntil)}</td>
  <td data-label="Snooze reason">${i.snoozeReason ?? html`<span class="muted">none given</span>`}</td>`;
}

function row(
  i: AtRiskItem,
  o: { snoozedView: boolean; selectable: boolean; currency?: string; people: People },
): SafeHtml {
  const { snoozedView, currency } = o;
  const change = CHANGE_LABEL[i.change] ?? i.change;
  return html`<tr>${o.selectable ? pick(i) : ""}
  <td data-label="Customer"><a href="/customers/${encodeURIComponent(i.customerId)}">${i.name ?? i.customerId}</a><div
    class="sub">${i.customerId} · ${i.plan ?? "–"} · ${i.segment ?? "–"}${
      i.snoozedUntil && !snoozedView ? html` · <span class="muted">snoozed</span>` : ""
    }</div>
</td>${snoozedView ? snoozeCells(i) : ""}
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
  <td data-label="Owner" class="owner">${i.owner ? ownerName(o.people, i.owner) : html`<span class="muted">nobody</span>`}</td>
</tr>`;
}

/** What the table shows: the list's query and filters (for the header links), one page of customers. */
export interface AtRiskTableOptions {
  query: AtRiskQuery;
  filters: TableFilters;
  items: AtRiskItem[];
  currency?: string;
  /** A box per row and a "select all on this page" box, for the bulk form (csm and admin). */
  selectable?: boolean;
  /** Users by email: owners are shown by name. */
  people: People;
}

/** The list's table: sortable headers (links), one row per customer, an empty row when nothing matches. */
export function atRiskTable(o: AtRiskTableOptions): SafeHtml {
  const { query: q, filters, items, currency, selectable = false, people } = o;
  const snoozedView = q.scope === "snoozed";
  const columns = 10 + (snoozedView ? 2 : 0) + (selectable ? 1 : 0);
  const all = selectable
    ? html`<th scope="col" class="pick"><input type="checkbox" id="select-page"
  aria-label="Select all on this page"></th>`
    : "";
  return html`<div class="table-wrap"><table id="at-risk-table">
<caption class="visually-hidden">Customers sorted by ${SORT_WORDS[q.sort] ?? q.sort}, ${orderWords(q)}</caption>
<thead><tr>${all}${sortHeader(q, filters, "name", "Customer")}${snoozedView ? snoozeHeaders : ""}
${sortHeader(q, filters, "risk", "Probability", true)}
<th scope="col">Band</th><th scope="col">Top drivers</th>${sortHeader(q, filters, "mrrAtRisk", "MRR at risk", true)}
${sortHeader(q, filters, "renewal", "Renewal")}${sortHeader(q, filters, "change", "Since last run")}<th scope="col">Last ticket</th>
<th scope="col">Last CSAT</th><th scope="col">Owner</th></tr></thead>
<tbody>${
    items.length
      ? items.map((i) => row(i, { snoozedView, selectable, currency, people }))
      : html`<tr>
<td colspan="${columns}" class="empty">No customers match these filters.</td></tr>`
  }</tbody>
</table></div>`;
}
