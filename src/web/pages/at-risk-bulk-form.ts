import { BULK_LIMIT, MAX_SNOOZE_DAYS } from "../../customers/index.ts";
import { html, type SafeHtml } from "../html.ts";
import { ownerField } from "./bulk-owner-field.ts";
import type { People } from "./people.ts";

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The bulk actions of the list (for csm and admin): the rows' boxes (form="bulk-form") pick the customers, one
 * choice — snooze until a day with a reason, or assign an owner — and one submit. `back` is the list's URL, where
 * the post returns with a summary.
 */
export function bulkForm(options: { back: string; now: Date; people: People }): SafeHtml {
  const today = Math.floor(options.now.getTime() / DAY_MS) * DAY_MS;
  const min = isoDay(today + DAY_MS);
  const max = isoDay(today + MAX_SNOOZE_DAYS * DAY_MS);
  return html`<form id="bulk-form" class="bulk card" method="post" action="/at-risk"
  aria-label="Act on the selected customers">
<input type="hidden" name="back" value="${options.back}">
<p class="bulk-title"><strong>Selected customers</strong> <span id="bulk-count" aria-live="polite">(tick them in
  the first column, up to ${BULK_LIMIT})</span></p>
<div class="bulk-choice">
  <input type="radio" id="bulk-snooze" name="action" value="snooze" checked>
  <label for="bulk-snooze">Snooze</label>
  <label for="bulk-until">until</label>
  <input id="bulk-until" name="until" type="date" min="${min}" max="${max}">
  <label for="bulk-reason">with reason</label>
  <input id="bulk-reason" name="reason" maxlength="500" placeholder="Renewal call booked">
</div>
<div class="bulk-choice">
  <input type="radio" id="bulk-assign" name="action" value="assign">
  <label for="bulk-assign">Assign</label>
  ${ownerField(options.people)}
</div>
<button type="submit" id="bulk-submit">Apply to selected</button>
</form>`;
}
