import { email } from "../../http/index.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { html, type SafeHtml } from "../html.ts";

// The owner input of the list's bulk form, in one place: today an email typed in (as the customer page's
// assign action takes); to offer a choice among users instead, change these two functions only.

/** The owner field (name `owner`) of the bulk form. */
export function ownerField(): SafeHtml {
  return html`<label for="bulk-owner">to owner</label>
    <input id="bulk-owner" name="owner" type="email" maxlength="320" autocomplete="off" placeholder="csm@example.com">`;
}

/** The owner the form asks for: an email address; BadInput saying what was expected and found. */
export function readOwnerField(value: string | undefined): string {
  const parsed = email.safeParse(value ?? "");
  if (!parsed.success)
    throw new AppError(
      ErrorCode.BadInput,
      `owner: expected an email address, found ${value ? JSON.stringify(value.slice(0, 80)) : "nothing"}`,
    );
  return parsed.data;
}
