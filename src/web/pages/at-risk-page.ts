import { ownerName, type People } from "./people.ts";
import { roleAllows, type Principal } from "../../auth/index.ts";
import type { AtRiskList, AtRiskQuery, AtRiskSummary } from "../../scoring/index.ts";
import { atRiskParams, atRiskUrl } from "../at-risk-url.ts";
import type { Flash } from "../flash.ts";
import { count, day } from "../format.ts";
import { html, queryString, type HtmlValue, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";
import { bulkForm } from "./at-risk-bulk-form.ts";
import { summaryStrip } from "./at-risk-summary-strip.ts";
import { atRiskTable } from "./at-risk-table.ts";

export interface AtRiskPageData {
  principal: Principal;
  query: AtRiskQuery;
  list: AtRiskList;
  summary: AtRiskSummary;
  /** What the current view holds: only these bands (and the selected one) are offered. */
  choices: { bands: string[]; plans: string[]; segments: string[]; owners: string[] };
  /** The users who can own accounts: the owners' names, and the bulk form's owner choices. */
  people: People;
  /** ISO 4217 code of the amounts (RETAIN_CURRENCY); default USD. */
  currency?: string;
  /**
   * The query as the URL gave it, for the page's links (owner=me stays `me`, so a My accounts link works for whoever
   * opens it); default `query`.
   */
  linkQuery?: AtRiskQuery;
  /** The outcome of the bulk action that led here, shown once. */
  flash?: Flash | null;
  /** The page's time (the snooze day's range); default now. */
  now?: Date;
}

const BAND_LABEL: Record<string, string> = { high: "High", medium: "Medium", low: "Low" };

const VIEWS: [AtRiskQuery["scope"], string][] = [
  ["at_risk", "At-risk customers"],
  ["newly_at_risk", "Newly at risk"],
  ["no_longer_at_risk", "No longer at risk"],
  ["snoozed", "Snoozed"],
  ["all", "Everyone scored"],
];

const VIEW_LEAD: Record<AtRiskQuery["scope"], string> = {
  at_risk: "Snoozed customers are not listed.",
  newly_at_risk: "At risk in this run and not in the previous one; snoozed customers are not listed.",
  no_longer_at_risk: "At risk in the previous run and not in this one; snoozed customers are not listed.",
  snoozed: "Customers snoozed now, with the snooze's end.",
  all: "Every customer scored in the run, snoozed ones included.",
};

/** The noun after a count: "1 customer", "2 customers", "0 customers". */
function customerNoun(n: number): string {
  return n === 1 ? "customer" : "customers";
}

/** The bands of the view, high to low, and the selected one even when the view has none. */
function bandOptions(d: AtRiskPageData): [string, string][] {
  const present = new Set(d.choices.bands);
  if (d.query.band) present.add(d.query.band);
  return ["high", "medium", "low"].filter((b) => present.has(b)).map((b) => [b, BAND_LABEL[b]]);
}

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
  const owners = d.choices.owners.map((o): [string, string] => [o, ownerName(d.people, o)]);
  return html`<form method="get" action="/at-risk" class="filters" aria-label="Filter and sort the list">
  <div class="field search"><label for="f-q">Search</label>
  <input id="f-q" name="q" type="search" value="${q.q ?? ""}" maxlength="200" placeholder="Name, id or email"></div>
  ${select("scope", "Show", q.scope, VIEWS)}
  ${select("band", "Band", q.band, [any, ...bandOptions(d)])}
  ${select("plan", "Plan", q.plan, [any, ...d.choices.plans.map((p): [string, string] => [p, p])])}
  ${select("segment", "Segment", q.segment, [any, ...d.choices.segments.map((s): [string, string] => [s, s])])}
  ${select("owner", "Owner", q.owner, [any, ["none", "Nobody"], ...owners])}
  ${select("hasOpenTicket", "Open ticket", open, [any, ["true", "Has an open ticket"], ["false", "No open ticket"]])}
  ${select("sort", "Sort by", q.sort, [
    ["risk", "Risk"],
    ["mrrAtRisk", "MRR at risk"],
    ["change", "Change since last run"],
    ["mrr", "MRR"],
    ["name", "Name"],
    ["renewal", "Renewal date"],
  ])}
  ${select("order", "Order", q.order, [
    ["desc", "Highest first"],
    ["asc", "Lowest first"],
  ])}
  <div class="field actions"><button type="submit">Apply</button> <a href="/at-risk">Reset</a></div>
</form>`;
}

/** The outcome of the last bulk action: a status, or an alert when nothing changed. */
function flashLine(flash: Flash | null | undefined): HtmlValue {
  if (!flash) return "";
  const role = flash.tone === "error" ? "alert" : "status";
  return html`<p id="flash" class="flash flash-${flash.tone}" role="${role}">${flash.text}</p>`;
}

function pager(d: AtRiskPageData): HtmlValue {
  const { total, limit, offset } = d.list;
  if (total <= limit && offset === 0) return "";
  const link = (o: number) => atRiskUrl({ ...(d.linkQuery ?? d.query), limit, offset: o });
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

/**
 * The at-risk list: summary strip, views and filters, sortable headers, one page of customers with their drivers,
 * renewal, change, last ticket and CSAT, owner; CSV export. Every view is a plain URL.
 */
export function atRiskPage(d: AtRiskPageData): string {
  const q = d.query;
  const links = d.linkQuery ?? q;
  const filterParams = atRiskParams(links);
  const selectable = roleAllows(d.principal.role, "csm") && d.list.items.length > 0;
  const { sort: _sort, order: _order, ...tableFilters } = filterParams;
  const { scope: _scope, band: _band, ...stripFilters } = tableFilters;
  const run = d.list.run;
  const first = d.list.total ? d.list.offset + 1 : 0;
  const last = d.list.offset + d.list.items.length;
  // My accounts: the signed-in user's own book (owner=me, resolved to their email); everyone's is a click away.
  const mine = Boolean(d.principal.email) && q.owner === d.principal.email;
  const everyone = atRiskUrl({ ...q, owner: undefined, offset: 0 });
  const heading = mine
    ? html`My accounts <a class="sub" href="${everyone}" id="everyone">Everyone →</a>`
    : "At-risk customers";
  const body = html`<h1>${heading}</h1>
${flashLine(d.flash)}
${
  run
    ? html`<p class="lead">Risk run of <strong>${day(run.asOf)}</strong> (model ${run.modelVersion})${
        run.previousAsOf ? html`; changes are since the run of ${day(run.previousAsOf)}` : ""
      }. ${VIEW_LEAD[q.scope]}</p>`
    : html`<p class="lead">No risk run yet: train and promote a model, then run <code>npx retain score</code>.</p>`
}
${summaryStrip(d.summary, stripFilters, d.currency)}
${filters(d)}
<p class="summary" role="status"><span id="list-count">${count(d.list.total)}</span> ${customerNoun(d.list.total)}${
    d.list.total ? html` · showing ${count(first)}–${count(last)}` : ""
  }
 · <a href="/api/v1/at-risk.csv${queryString(filterParams)}" download>Export CSV</a></p>
${selectable ? bulkForm({ back: atRiskUrl(links), now: d.now ?? new Date(), people: d.people }) : ""}
${atRiskTable({ query: q, filters: tableFilters, items: d.list.items, currency: d.currency, selectable, people: d.people })}
${pager(d)}`;
  const scripts = selectable ? ["at-risk.js"] : [];
  return renderPage({ title: "At risk", principal: d.principal, active: mine ? "mine" : "at-risk", body, scripts });
}
