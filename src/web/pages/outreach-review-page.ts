import type { Principal } from "../../auth/index.ts";
import type { ReviewItem } from "../../outreach/index.ts";
import { peopleTime } from "../../outreach/index.ts";
import { html, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";
import { ownerName, type People } from "./people.ts";

export interface ReviewPageData {
  principal: Principal;
  items: ReviewItem[];
  timeZone: string;
  money: (amount: number) => string;
  notice?: { tone: "done" | "error"; text: string };
  /** The users, to name owners. */
  people: People;
  /** Whether any play holds follow-ups for review (else the empty page says how to turn it on). */
  reviewOn: boolean;
}

function card(i: ReviewItem, d: ReviewPageData): SafeHtml {
  const mine = i.ownerEmail !== null && i.ownerEmail === d.principal.email?.toLowerCase();
  const id = `review-${i.outboxId}`;
  return html`<section class="review-item" id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h"><a href="/customers/${encodeURIComponent(i.customerId)}">${i.customerName ?? i.customerId}</a>
${mine ? html`<span class="badge">Your account</span>` : ""}</h2>
<p class="sub">MRR ${d.money(i.mrr)} · owner ${ownerName(d.people, i.ownerEmail)} · planned for ${peopleTime(i.plannedAt, d.timeZone)} ·
skipped unless reviewed by ${peopleTime(i.reviewUntil, d.timeZone)}</p>
${
  i.mail
    ? html`<form method="post" action="/outreach/review" class="review-form">
<input type="hidden" name="id" value="${i.outboxId}">
<p class="sub">To ${i.mail.to.name ? `${i.mail.to.name} <${i.mail.to.address}>` : i.mail.to.address}</p>
<div class="field"><label for="${id}-subject">Subject</label>
<input id="${id}-subject" name="subject" maxlength="250" value="${i.mail.subject}"></div>
<div class="field"><label for="${id}-text">Text</label>
<textarea id="${id}-text" name="text" rows="14" maxlength="20000">${i.mail.text}</textarea></div>
<div class="field actions"><button type="submit" name="action" value="send">Send now</button></div>
</form>
<form method="post" action="/outreach/review" class="review-skip">
<input type="hidden" name="id" value="${i.outboxId}">
<div class="field"><label for="${id}-reason">Reason to skip</label>
<input id="${id}-reason" name="reason" maxlength="500" required placeholder="e.g. calling them tomorrow"></div>
<div class="field actions"><button type="submit" name="action" value="skip" class="secondary">Skip</button></div>
</form>`
    : html`<p class="empty">Its ticket or play is gone: it will be skipped when its window ends.</p>`
}
</section>`;
}

function emptyQueue(reviewOn: boolean): SafeHtml {
  return reviewOn
    ? html`<p class="empty" id="review-empty">Nothing to review.</p>`
    : html`<p class="empty" id="review-empty">Nothing to review: review is off. Set <code>RETAIN_OUTREACH_REVIEW_MRR</code>
(an MRR amount) or <code>"review": {"mrrAbove": AMOUNT}</code> in a play's <code>play.json</code> to hold the follow-ups
of bigger accounts here.</p>`;
}

/** "To review": follow-ups held for their owner's review, the signed-in person's own accounts first. */
export function outreachReviewPage(d: ReviewPageData): string {
  const body = html`<h1>To review</h1>
<p>Follow-ups of accounts above the review amount wait here for their owner: edit the subject or the text, send it now
(every rule is checked again as it goes), or skip it with a reason. One nobody reviews in time is skipped.</p>
${
  d.notice
    ? html`<p class="flash flash-${d.notice.tone} notice ${d.notice.tone}" role="${d.notice.tone === "error" ? "alert" : "status"}">${
        d.notice.text
      }</p>`
    : ""
}
${d.items.length ? d.items.map((i) => card(i, d)) : emptyQueue(d.reviewOn)}
<p><a href="/outreach">← Outreach</a></p>`;
  return renderPage({ title: "To review", principal: d.principal, active: "outreach", body });
}
