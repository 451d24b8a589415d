import type { ArmSummary, OutreachReport } from "../../outreach/index.ts";
import { roleAllows, type Principal } from "../../auth/index.ts";
import { DECISION_STATUS_LABELS, peopleTime, readableTicketNumber, reasonLabel } from "../../outreach/index.ts";
import { count, dateTime, percent, percentValue } from "../format.ts";
import { html, queryString, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";

export interface OutreachLogEntryView {
  id: number;
  at: Date;
  customerId: string;
  customerName: string | null;
  ticketId: string;
  play: string;
  arm: string;
  status: string;
  reason: string | null;
  detail: string | null;
  score: number | null;
  /** Status and reason as a sentence. */
  words: string;
  plannedAt: Date;
  sentAt: Date | null;
  emailUrl: string | null;
}

export interface OutreachPageData {
  principal: Principal;
  report: OutreachReport;
  log: { items: OutreachLogEntryView[]; next: number | null };
  filters: { status?: string; reason?: string; play?: string; before?: number };
  unmatched: {
    ticketExternalId: string;
    customerRef: string | null;
    requesterEmail: string | null;
    reason: string;
    receivedAt: Date;
  }[];
  statuses: string[];
  /** RETAIN_TIMEZONE: dates of the log in people's format there. */
  timeZone: string;
}

function armRow(label: string, a: ArmSummary): SafeHtml {
  const ci = a.retention.ci95;
  return html`<tr><th scope="row">${label}</th><td class="num">${count(a.assigned)}</td>
<td class="num">${count(a.waiting)}</td><td class="num">${count(a.reached)}</td>
  <td class="num">${count(a.cancelled.total)}</td><td class="num">${count(a.failed)}</td>
<td class="num">${count(a.stayed)}</td><td class="num">${count(a.churned)}</td>
<td class="num">${count(a.windowOpen)}</td>
  <td class="num">${percentValue(a.retention.rate)}</td>
<td class="num">${ci ? `${percentValue(ci[0])} – ${percentValue(ci[1])}` : "–"}</td></tr>`;
}

function logFilters(d: OutreachPageData): SafeHtml {
  const plays = Object.keys(d.report.byPlay);
  const reasons = Object.keys(d.report.total.suppressed.byReason);
  const option = (v: string, current: string | undefined, label = v) =>
    html`<option value="${v}"${v === current ? html` selected` : ""}>${label}</option>`;
  const statusLabel = (s: string) => DECISION_STATUS_LABELS[s as keyof typeof DECISION_STATUS_LABELS] ?? s;
  return html`<form method="get" action="/outreach" class="filters" aria-label="Filter the decision log">
  <div class="field"><label for="o-status">Status</label><select id="o-status" name="status">
<option value="">Any</option>${d.statuses.map((s) => option(s, d.filters.status, statusLabel(s)))}</select></div>
  <div class="field"><label for="o-reason">Reason</label><select id="o-reason" name="reason">
<option value="">Any</option>${reasons.map((r) => option(r, d.filters.reason, reasonLabel(r)))}</select></div>
  <div class="field"><label for="o-play">Play</label><select id="o-play" name="play">
<option value="">Any</option>${plays.map((p) => option(p, d.filters.play))}</select></div>
  <div class="field actions"><button type="submit">Filter</button> <a href="/outreach">Reset</a></div>
</form>`;
}

/** The outreach page: treated vs holdout retention with intervals, suppressions by reason, the decision log, unmatched closings. */
export function outreachPage(d: OutreachPageData): string {
  const t = d.report.total;
  const suppressed = Object.entries(t.suppressed.byReason).sort((a, b) => b[1] - a[1]);
  const diff = t.difference;
  const arm = (a: ArmSummary) => ({
    rate: a.retention.rate,
    lo: a.retention.ci95?.[0] ?? null,
    hi: a.retention.ci95?.[1] ?? null,
    n: a.stayed + a.churned,
  });
  const data = {
    suppressed: suppressed.map(([reason, n]) => ({ reason: reasonLabel(reason), n })),
    arms: [
      { label: "Treated", ...arm(t.treatment) },
      { label: "Holdout", ...arm(t.holdout) },
    ],
  };
  const { before: _b, ...keep } = d.filters;
  const body = html`<h1>Outreach</h1>
<div class="tiles">
  <div class="tile"><span class="label">Follow-ups decided</span><span class="value">${count(t.followUps)}</span></div>
  <div class="tile"><span class="label">Sent</span><span class="value">${count(t.sent)}</span><span
    class="sub">${count(t.scheduled)} scheduled</span></div>
  <div class="tile"><span class="label">Held out</span><span class="value">${count(t.heldOut)}</span></div>
  <div class="tile"><span class="label">Suppressed</span><span class="value">${count(t.suppressed.total)}</span></div>
  <div class="tile"><span class="label">Treated − holdout</span><span class="value">${
    diff ? `${diff.points >= 0 ? "+" : ""}${diff.points.toFixed(1)} pts` : "–"
  }</span>
    <span class="sub">${
      diff ? `95 %: ${diff.ci95[0].toFixed(1)} to ${diff.ci95[1].toFixed(1)} pts` : "needs ended windows in both arms"
    }</span></div>
</div>
<h2>Treated vs holdout</h2>
<div class="table-wrap"><table id="arms">
<caption>Retention over ended windows (stayed ÷ stayed + churned), with 95 % Wilson intervals</caption>
<thead><tr><th scope="col">Arm</th><th scope="col" class="num">Assigned</th>
<th scope="col" class="num">Waiting</th><th scope="col" class="num">Reached</th>
<th scope="col" class="num">Cancelled</th><th scope="col" class="num">Failed</th>
<th scope="col" class="num">Stayed</th><th scope="col" class="num">Churned</th>
<th scope="col" class="num">Window open</th><th scope="col" class="num">Retention</th>
<th scope="col" class="num">95 % interval</th></tr></thead>
<tbody>${armRow("Treated", t.treatment)}${armRow("Holdout", t.holdout)}</tbody></table></div>
<div class="charts two">
  <figure class="chart">
<figcaption id="arms-chart-h">Retention by arm (whiskers: 95 % interval)</figcaption><canvas id="arms-chart" role="img"
    aria-labelledby="arms-chart-h"></canvas></figure>
  <figure class="chart">
<figcaption id="suppressed-chart-h">Suppressed follow-ups by reason</figcaption><canvas id="suppressed-chart" role="img"
    aria-labelledby="suppressed-chart-h"></canvas>
  <details><summary>Data</summary><div class="table-wrap"><table><caption>Suppressions by reason</caption>
<thead><tr><th scope="col">Reason</th><th scope="col" class="num">Follow-ups</th></tr></thead>
  <tbody>${
    suppressed.length
      ? suppressed.map(
          ([r, n]) => html`<tr><td>${reasonLabel(r)}</td><td class="num">${count(n)}</td>
</tr>`,
        )
      : html`<tr><td colspan="2" class="empty">None.</td></tr>`
  }</tbody></table></div></details></figure>
</div>
<p class="page-actions">${
    roleAllows(d.principal.role, "csm") ? html`<a href="/outreach/review" id="to-review">To review</a> · ` : ""
  }<a href="/outreach/preview">Preview a follow-up</a></p>
<h2>Decision log</h2>
${logFilters(d)}
<div class="table-wrap"><table id="decision-log"><caption class="visually-hidden">Decisions, newest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">Customer</th><th scope="col">Ticket</th>
<th scope="col">What happened</th><th scope="col">Planned send</th><th scope="col">Sent</th>
<th scope="col">Email</th><th scope="col" class="num">Score</th></tr></thead>
<tbody>${
    d.log.items.length
      ? d.log.items.map(
          (e) => html`<tr data-status="${e.status}"><td class="nowrap">${peopleTime(e.at, d.timeZone)}</td>
<td><a href="/customers/${encodeURIComponent(e.customerId)}">${e.customerName ?? e.customerId}</a></td>
<td>${readableTicketNumber(e.ticketId)}</td>
<td class="words">${e.words}${e.detail ? html` <span class="sub detail" title="${e.detail}">${e.play} · ${e.arm}</span>` : ""}</td>
<td class="nowrap">${peopleTime(e.plannedAt, d.timeZone)}</td>
<td class="nowrap">${e.sentAt ? peopleTime(e.sentAt, d.timeZone) : "–"}</td>
<td>${e.emailUrl ? html`<a href="${e.emailUrl}">Open as sent</a>` : "–"}</td>
<td class="num">${e.score === null ? "–" : percent(e.score)}</td></tr>`,
        )
      : html`<tr>
<td colspan="8" class="empty">No decisions${d.filters.status || d.filters.reason || d.filters.play ? " match these filters" : " yet"}.</td>
</tr>`
  }</tbody></table></div>
<nav class="pager" aria-label="Log pages">${d.filters.before ? html`<a href="/outreach${queryString(keep)}">Newest</a>` : ""}
${d.log.next ? html`<a href="/outreach${queryString({ ...keep, before: d.log.next })}" rel="next">Older →</a>` : ""}</nav>
<h2 id="unmatched-h">Unmatched ticket closings</h2>
<p class="muted" id="unmatched-note">Closings whose customer could not be resolved wait in the unmatched queue: ${
    roleAllows(d.principal.role, "csm")
      ? html`link each to its customer (the follow-up is then decided as usual) or dismiss it on the
<a href="/unmatched">Unmatched page</a>.`
      : "a csm or admin links each to its customer, or dismisses it, on the Unmatched page."
  }</p>
<div class="table-wrap"><table><caption class="visually-hidden">Closed tickets whose customer could not be matched</caption>
<thead><tr><th scope="col">Received</th><th scope="col">Ticket</th><th scope="col">Customer reference</th>
<th scope="col">Requester</th><th scope="col">Reason</th></tr></thead>
<tbody>${
    d.unmatched.length
      ? d.unmatched.map(
          (u) => html`<tr><td>${dateTime(u.receivedAt)}</td>
<td>${u.ticketExternalId}</td><td>${u.customerRef ?? "–"}</td><td>${u.requesterEmail ?? "–"}</td>
<td>${u.reason}</td></tr>`,
        )
      : html`<tr><td colspan="5" class="empty">None.</td></tr>`
  }</tbody></table></div>`;
  return renderPage({
    title: "Outreach",
    principal: d.principal,
    active: "outreach",
    body,
    data,
    scripts: ["chart.umd.js", "charts.js", "outreach.js"],
  });
}
