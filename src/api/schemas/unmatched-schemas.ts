import { z } from "zod";
import { oneOf, strictObject, text, wholeNumber } from "../../http/index.ts";

// The unmatched queue's requests (identity/): the list's filters, an item's id, the link and dismiss bodies.

export const unmatchedQuerySchema = strictObject({
  status: oneOf(["open", "linked", "dismissed", "all"]).default("open").describe("the items of one status, or all"),
  kind: oneOf(["ticket", "event", "billing"]).optional().describe("only items of this kind"),
  before: wholeNumber(1, Number.MAX_SAFE_INTEGER).optional().describe("the `next` of the previous page"),
  limit: wholeNumber(1, 200).default(50).describe("items per page"),
});

export const unmatchedParamsSchema = z.object({ id: wholeNumber(1, Number.MAX_SAFE_INTEGER) });

export const unmatchedLinkBodySchema = strictObject({
  customerId: text({ max: 200, what: "a customer id" }).describe(
    "the customer's id (as imported): the item is processed for it, and its requester email is learned",
  ),
});

export const unmatchedDismissBodySchema = strictObject({
  reason: text({ max: 500, what: "a reason" }).describe("why it is dismissed (kept with who and when)"),
});
