import { email } from "../../http/index.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { html, type SafeHtml } from "../html.ts";
import type { People } from "./people.ts";

// The owner input of the list's bulk form: a choice among the users who can own accounts (the core checks
// the choice again, as for one customer).

/** The owner field (name `owner`) of the bulk form: the users who can own accounts, or how to add some. */
export function ownerField(people: People): SafeHtml {
  if (!people.length)
    return html`<span class="sub" id="bulk-owner">to an owner: no users can own accounts yet (an admin adds them on
      <a href="/users">Users</a>)</span>`;
  return html`<label for="bulk-owner">to owner</label>
    <select id="bulk-owner" name="owner"><option value="">choose a person…</option>${people.map(
      (p) => html`<option value="${p.email}">${p.name}</option>`,
    )}</select>`;
}

/** The owner the form asks for: a user's email; BadInput saying what was expected and found. */
export function readOwnerField(value: string | undefined): string {
  const parsed = email.safeParse(value ?? "");
  if (!parsed.success)
    throw new AppError(
      ErrorCode.BadInput,
      `owner: expected one of the people in the list, found ${value ? JSON.stringify(value.slice(0, 80)) : "nothing"}`,
    );
  return parsed.data;
}
