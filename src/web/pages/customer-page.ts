import { roleAllows, type Principal } from "../../auth/index.ts";
import { CONTACT_CHANNELS, type CustomerDetail } from "../../customers/index.ts";
import { dateTime, day, money, percent, points } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";
import { chartsSection } from "./customer-charts-section.ts";
import { timelineSection } from "./customer-timeline-section.ts";
import { nameOf, ownerName } from "./people.ts";

function ownerForm(d: CustomerDetail): SafeHtml {
  if (!d.owners.length)
    return html`<p class="card muted" id="owner-form">No users can own accounts yet: an admin adds CSMs on the
<a href="/users">Users</a> page or with <code>npx retain users add</code>.</p>`;
  const current = d.customer.owner;
  return html`<form id="owner-form" class="card stack">
    <label for="owner-email">Owner</label>
    <select id="owner-email" name="email" required>
      ${current && !d.owners.some((o) => o.email === current) ? html`<option value="" selected>${current} (not a user)</option>` : ""}
      ${d.owners.map((o) => html`<option value="${o.email}"${o.email === current ? html` selected` : ""}>${o.name} (${o.email})</option>`)}
    </select>
    <div><button type="submit">Assign owner</button> ${
      d.state.ownerOverride
        ? html`<button type="button" id="owner-clear" class="secondary">Use imported owner</button>`
        : ""
    }</div>
  </form>`;
}

function facts(d: CustomerDetail, currency?: string): SafeHtml {
  const c = d.customer;
  const s = d.state;
  const latest = d.risk.latest;
  return html`<dl class="facts">
  <div><dt>Plan</dt><dd>${c.plan ?? "–"}</dd></div>
  <div><dt>Segment</dt><dd>${c.segment ?? "–"}</dd></div>
  <div><dt>MRR</dt><dd>${money(c.mrr, currency)}</dd></div>
  <div><dt>Customer since</dt><dd>${day(c.signupDate)}</dd></div>
  ${c.churnDate ? html`<div><dt>Churned</dt><dd>${day(c.churnDate)}</dd></div>` : ""}
  <div><dt>Owner</dt>
<dd id="owner-value">${ownerName(d.owners, c.owner)}${
    s.ownerOverride && c.importedOwner !== s.ownerOverride
      ? html` <span class="sub">(imported: ${ownerName(d.owners, c.importedOwner)})</span>`
      : ""
  }</dd>
</div>
  <div><dt>Snoozed</dt><dd id="snooze-value">${s.snoozed ? `until ${dateTime(s.snoozedUntil)}` : "no"}</dd></div>
  <div><dt>Last contacted</dt><dd id="contacted-value">${dateTime(s.lastContactedAt)}</dd></div>
  <div class="wide"><dt>Email</dt>
    <dd>${c.email ?? "–"}${s.unsubscribedAt ? " · unsubscribed" : ""}${s.bouncedAt ? " · bounced" : ""}</dd></div>
  <div><dt>Risk</dt>
<dd>${
    latest
      ? html`${percent(latest.probability)} <span class="band band-${latest.band}">${latest.band}</span>${
          latest.atRisk ? " · at risk" : ""
        } <span class="sub">as of ${day(latest.asOf)}</span>`
      : "not scored yet"
  }</dd>
</div>
  ${latest ? html`<div><dt>MRR at risk</dt><dd>${money(latest.mrrAtRisk, currency)}</dd></div>` : ""}
</dl>`;
}

function actions(d: CustomerDetail, principal: Principal): SafeHtml {
  if (d.state.churned)
    return html`<p class="muted" id="no-actions">Churned on ${day(d.customer.churnDate)}: a customer who left takes no actions.</p>`;
  if (!roleAllows(principal.role, "csm"))
    return html`<p class="muted">Your role (${principal.role}) can read only; customer actions need the csm or admin role.</p>`;
  return html`<div class="action-grid">
  ${ownerForm(d)}
  <form id="snooze-form" class="card stack">
    <label for="snooze-days">Snooze for (days)</label>
    <input id="snooze-days" name="days" type="number" min="1" max="365" step="1" value="14" required>
    <label for="snooze-reason">Reason</label>
    <input id="snooze-reason" name="reason" type="text" maxlength="500" placeholder="e.g. waiting for the renewal call">
    <div><button type="submit">Snooze</button> ${
      d.state.snoozed ? html`<button type="button" id="unsnooze" class="secondary">End snooze</button>` : ""
    }</div>
    <p class="sub">Off the at-risk list and no follow-up emails until then.</p>
  </form>
  <form id="note-form" class="card stack">
    <label for="note-body">Note</label>
    <textarea id="note-body" name="body" rows="3" maxlength="5000" required></textarea>
    <div><button type="submit">Add note</button></div>
  </form>
  <form id="contacted-form" class="card stack">
    <label for="contact-channel">Contacted by</label>
    <select id="contact-channel" name="channel">${CONTACT_CHANNELS.map(
      (ch) => html`<option value="${ch}">${ch}</option>`,
    )}</select>
    <div><button type="submit">Mark contacted now</button></div>
    <p class="sub">Counts for the follow-up frequency cap.</p>
  </form>
</div>
<p id="action-status" role="status" aria-live="polite"></p>`;
}

/**
 * One customer: facts, drivers, risk and usage charts, CSM actions, notes (editable by their author) and one
 * timeline of everything dated (filtered by `d.timeline.kinds`); amounts in `currency` (default USD).
 */
export function customerPage(d: CustomerDetail, principal: Principal, currency?: string): string {
  const c = d.customer;
  const latest = d.risk.latest;
  const canAct = roleAllows(principal.role, "csm") && !d.state.churned;
  const chartData = {
    customerId: c.id,
    risk: d.risk.history.map((h) => ({
      asOf: day(h.asOf),
      t: h.asOf.getTime(),
      probability: h.probability,
      atRisk: h.atRisk,
      threshold: h.threshold,
    })),
    usage: d.usage,
  };
  const body = html`<p class="crumbs"><a href="/at-risk">← At-risk list</a></p>
<h1>${c.name ?? c.id} <span class="sub">${c.id}</span></h1>
${
  d.state.churned
    ? html`<p class="notice churned" id="churned-notice" role="status">Churned on ${day(c.churnDate)}: this customer left.</p>`
    : ""
}
${facts(d, currency)}
<section aria-labelledby="drivers-h"><h2 id="drivers-h">${latest?.atRisk ? "Why at risk" : "What drives the score"}</h2>
${
  latest?.drivers.length
    ? html`<ul class="drivers big">${latest.drivers.map(
        (dr) =>
          html`<li>${dr.text} <span class="sub">(${dr.delta >= 0 ? "raises" : "lowers"} the probability ${points(dr.delta)})</span></li>`,
      )}</ul>`
    : html`<p class="muted">No drivers in the latest run.</p>`
}
</section>
<section aria-labelledby="actions-h"><h2 id="actions-h">Actions</h2>${actions(d, principal)}</section>
${chartsSection(d)}
<section aria-labelledby="notes-h"><h2 id="notes-h">Notes</h2>
${
  d.notes.length
    ? html`<ul class="notes" id="notes-list">${d.notes.map(
        (n) => html`<li data-note-id="${n.id}">
<p class="note-body">${n.body}</p><span class="sub">${nameOf(d.owners, n.author)} · ${dateTime(n.createdAt)}${
          n.editedAt ? ` · edited ${dateTime(n.editedAt)}` : ""
        }</span>${
          canAct && n.author === principal.actor
            ? html` <button type="button" class="secondary note-edit" data-note-id="${n.id}">Edit</button>`
            : ""
        }</li>`,
      )}</ul>`
    : html`<p class="muted" id="notes-list">No notes yet.</p>`
}
</section>
${timelineSection(d)}`;
  return renderPage({
    title: c.name ?? c.id,
    principal,
    active: "at-risk",
    body,
    data: chartData,
    scripts: ["chart.umd.js", "charts.js", "customer.js"],
  });
}
