import { nameOf } from "./people.ts";
import { TIMELINE_KINDS, type CustomerDetail, type TimelineKind } from "../../customers/index.ts";
import { dateTime } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";

/** Each timeline kind in words, for the filter chips and the items' labels. */
const KIND_LABELS: Record<TimelineKind, string> = {
  ticket: "Tickets",
  survey: "Surveys",
  email: "Emails",
  note: "Notes",
  owner: "Owner changes",
  snooze: "Snoozes",
  contact: "Contacts",
  risk: "Risk changes",
};
const ITEM_LABELS: Record<TimelineKind, string> = {
  ticket: "Ticket",
  survey: "Survey",
  email: "Email",
  note: "Note",
  owner: "Owner",
  snooze: "Snooze",
  contact: "Contact",
  risk: "Risk",
};

function chips(customerId: string, kinds: TimelineKind[] | null): SafeHtml {
  const base = `/customers/${encodeURIComponent(customerId)}`;
  const only = kinds?.length === 1 ? kinds[0] : null;
  const chip = (href: string, label: string, current: boolean, kind: string) =>
    html`<a class="chip${current ? " current" : ""}" href="${href}" data-kind="${kind}"${
      current ? html` aria-current="page"` : ""
    }>${label}</a>`;
  return html`<nav class="chips" aria-label="Timeline filter">
${chip(`${base}#timeline-h`, "All", kinds === null, "all")}
${TIMELINE_KINDS.map((k) => chip(`${base}?kinds=${k}#timeline-h`, KIND_LABELS[k], only === k, k))}
</nav>`;
}

/** Items the page lists at most (the newest); the filter chips reach older ones. */
export const TIMELINE_PAGE_ITEMS = 100;

/** The customer's timeline: filter chips (one kind or all; `?kinds=a,b` in the URL for several) and the dated list. */
export function timelineSection(d: CustomerDetail): SafeHtml {
  const { kinds } = d.timeline;
  const all = d.timeline.items;
  const items = all.slice(0, TIMELINE_PAGE_ITEMS);
  const shown = kinds ? kinds.map((k) => KIND_LABELS[k].toLowerCase()).join(", ") : "everything";
  return html`<section aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>
${chips(d.customer.id, kinds)}
<p class="sub" id="timeline-count">${
    all.length > items.length
      ? `The newest ${items.length} of ${all.length} items`
      : `${all.length} ${all.length === 1 ? "item" : "items"}`
  }, newest first: ${shown}${all.length > items.length ? "; filter by kind to reach older ones" : ""}.</p>
${
  items.length
    ? html`<ol class="timeline" id="timeline">${items.map(
        (i) => html`<li class="tl-item tl-${i.kind}" data-kind="${i.kind}">
<time datetime="${i.at.toISOString()}">${dateTime(i.at)}</time>
<span class="tl-kind">${ITEM_LABELS[i.kind]}</span> <strong>${i.title}</strong>${
          i.actor ? html` <span class="sub">by ${nameOf(d.owners, i.actor)}</span>` : ""
        }${i.detail ? html`<p class="tl-detail">${i.detail}</p>` : ""}</li>`,
      )}</ol>`
    : html`<p class="muted" id="timeline">Nothing of this kind yet.</p>`
}
</section>`;
}
