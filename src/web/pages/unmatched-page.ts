import type { Principal } from "../../auth/index.ts";
import type { IdentityCustomer, UnmatchedItem } from "../../identity/index.ts";
import { count, dateTime } from "../format.ts";
import { html, queryString, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";

export const UNMATCHED_VIEWS = ["open", "linked", "dismissed", "all"] as const;
export type UnmatchedView = (typeof UNMATCHED_VIEWS)[number];

export interface UnmatchedPageData {
  principal: Principal;
  view: UnmatchedView;
  items: UnmatchedItem[];
  open: number;
  next: number | null;
  before?: number;
  /** A search for one item: its id, the text and the customers found. */
  search?: { item: number; text: string; found: IdentityCustomer[] };
  notice?: { tone: "done" | "error"; text: string };
}

const RULE_WORDS: Record<string, string> = {
  external_id: "customer id",
  contact_email: "known contact",
  email: "same email",
  domain: "email domain",
  manual: "linked by hand",
};

function linkButton(item: UnmatchedItem, c: { externalId: string; name: string | null }, note: string, view: string) {
  return html`<form method="post" action="/unmatched" class="inline">
  <input type="hidden" name="action" value="link"><input type="hidden" name="id" value="${item.id}">
  <input type="hidden" name="view" value="${view}"><input type="hidden" name="customerId" value="${c.externalId}">
  <button type="submit" class="secondary" data-link="${c.externalId}">Link to ${c.name ?? c.externalId}
<span class="sub">${c.externalId}${note ? ` · ${note}` : ""}</span></button></form>`;
}

function received(item: UnmatchedItem): SafeHtml {
  const r = item.requester;
  const who = r.name && r.email ? html`${r.name} <span class="sub">${r.email}</span>` : (r.name ?? r.email ?? "–");
  return html`<dl class="received">
<dt>From</dt><dd>${who}</dd>
${r.customerRef ? html`<dt>Customer id given</dt><dd><code>${r.customerRef}</code></dd>` : ""}
<dt>${item.kind === "ticket" ? "Ticket" : "Item"}</dt><dd><code>${item.externalId}</code>${
    item.subject ? html` · ${item.subject}` : ""
  }</dd>
<dt>Received</dt><dd>${dateTime(item.receivedAt)} via ${item.source}</dd>
<dt>Why</dt><dd>${item.reason}</dd></dl>`;
}

function openActions(item: UnmatchedItem, d: UnmatchedPageData): SafeHtml {
  const search = d.search?.item === item.id ? d.search : undefined;
  return html`<div class="choices">
${
  item.candidates.length
    ? html`<p class="label">Candidates</p>${item.candidates.map((c) => linkButton(item, c, RULE_WORDS[c.rule] ?? c.rule, d.view))}`
    : html`<p class="muted">No candidates: search for the customer.</p>`
}
<form method="get" action="/unmatched#item-${item.id}" class="inline search" role="search">
  <input type="hidden" name="item" value="${item.id}"><input type="hidden" name="view" value="${d.view}">
  <label for="find-${item.id}" class="visually-hidden">Customer id or name for item ${item.id}</label>
  <input id="find-${item.id}" name="find" type="search" maxlength="200" placeholder="Customer id or name" value="${
    search?.text ?? ""
  }" required>
  <button type="submit" class="secondary">Search</button>
</form>
${
  search
    ? search.found.length
      ? html`<div class="found" aria-live="polite">${search.found.map((c) => linkButton(item, c, c.email ?? "", d.view))}</div>`
      : html`<p class="muted" aria-live="polite">No customer's id, name or email contains “${search.text}”.</p>`
    : ""
}
<form method="post" action="/unmatched" class="inline dismiss">
  <input type="hidden" name="action" value="dismiss"><input type="hidden" name="id" value="${item.id}">
  <input type="hidden" name="view" value="${d.view}">
  <label for="reason-${item.id}" class="visually-hidden">Why dismiss item ${item.id}</label>
  <input id="reason-${item.id}" name="reason" type="text" maxlength="500" required placeholder="Why dismiss (spam, not a customer…)">
  <button type="submit" class="secondary">Dismiss</button>
</form></div>`;
}

function settled(item: UnmatchedItem): SafeHtml {
  const how = item.matchRule ? (RULE_WORDS[item.matchRule] ?? item.matchRule) : "";
  return item.status === "linked"
    ? html`<p class="done">Linked to <a href="/customers/${encodeURIComponent(item.customer?.externalId ?? "")}">${
        item.customer?.name ?? item.customer?.externalId
      }</a> (${how}) by ${item.resolvedBy} on ${dateTime(item.resolvedAt)}.</p>`
    : html`<p class="muted">Dismissed by ${item.resolvedBy} on ${dateTime(item.resolvedAt)}: ${item.note}</p>`;
}

function itemCard(item: UnmatchedItem, d: UnmatchedPageData): SafeHtml {
  return html`<li class="card unmatched-item" id="item-${item.id}" data-item="${item.id}" data-status="${item.status}">
<h2 class="h3">${item.requester.email ?? item.requester.customerRef ?? item.externalId}<span class="sub">
#${item.id} · ${item.kind}</span></h2>
${received(item)}
${item.status === "open" ? openActions(item, d) : settled(item)}
</li>`;
}

/** The Unmatched page (csm and admin): each item of the queue with what was received, candidates, search, link, dismiss. */
export function unmatchedPage(d: UnmatchedPageData): string {
  const n = d.notice;
  const tab = (v: UnmatchedView) =>
    html`<li><a href="/unmatched${queryString({ view: v === "open" ? undefined : v })}"${
      v === d.view ? html` aria-current="page"` : ""
    }>${v === "all" ? "All" : v[0].toUpperCase() + v.slice(1)}</a></li>`;
  const body = html`<h1>Unmatched</h1>
<p class="muted">Tickets and events whose customer Retain could not tell: by customer id, then the requester's exact email
(a known contact's or a customer's own), then the email's domain when exactly one customer owns it. Linking one processes it
as if it had matched (a ticket: upserted and followed up) and teaches Retain the email.</p>
${n ? html`<div id="flash" class="flash flash-${n.tone}" role="${n.tone === "error" ? "alert" : "status"}"><p>${n.text}</p></div>` : ""}
<nav aria-label="Unmatched views" class="tabs"><ul>${UNMATCHED_VIEWS.map(tab)}</ul></nav>
<p>${count(d.open)} open ${d.open === 1 ? "item" : "items"}.</p>
${
  d.items.length
    ? html`<ol class="unmatched-list">${d.items.map((i) => itemCard(i, d))}</ol>`
    : html`<p class="empty" id="none">${d.view === "open" ? "Nothing to match: every item found its customer." : "None."}</p>`
}
<nav class="pager" aria-label="Unmatched pages">${d.before ? html`<a href="/unmatched${queryString({ view: d.view })}">Newest</a>` : ""}
${d.next ? html`<a href="/unmatched${queryString({ view: d.view, before: d.next })}" rel="next">Older →</a>` : ""}</nav>`;
  return renderPage({ title: "Unmatched", principal: d.principal, active: "unmatched", body });
}
