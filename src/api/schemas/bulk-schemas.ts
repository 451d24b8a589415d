import { z } from "zod";
import { BULK_LIMIT, MAX_SNOOZE_DAYS } from "../../customers/index.ts";
import { email, isoDay, strictObject, text } from "../../http/index.ts";

// The bodies of the bulk actions. The count of ids is checked by the actions themselves (the page's form sends
// them too), so a 400 says how many were found rather than echoing the list.

const customerIds = z
  .array(text({ max: 200, what: "a customer id" }), { error: "an array of customer ids" })
  .meta({ minItems: 1, maxItems: BULK_LIMIT })
  .describe(`1 to ${BULK_LIMIT} customer_ids (as imported); all of them change, or none when one is refused`);

export const bulkSnoozeBodySchema = strictObject({
  customerIds,
  until: isoDay.describe(
    `the snooze ends at 00:00 UTC of this day: after today, at most ${MAX_SNOOZE_DAYS} days ahead`,
  ),
  reason: text({ max: 500, what: "a snooze reason" })
    .optional()
    .describe("why (shown on each customer's timeline and in the Snoozed view)"),
});

export const bulkOwnerBodySchema = strictObject({
  customerIds,
  email: email
    .nullable()
    .describe(
      "the owner of every customer given: a csm or admin user, as for one customer; null removes the override " +
        "(the imported owner_email applies)",
    ),
});
