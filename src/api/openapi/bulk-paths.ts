import { BULK_LIMIT } from "../../customers/index.ts";
import { bulkOwnerBodySchema, bulkSnoozeBodySchema } from "../schemas/bulk-schemas.ts";
import { fromZod, s, type Schema } from "./json-schema.ts";
import { json, op } from "./operation.ts";

const changed = {
  count: s.int("customers changed: every one given"),
  customerIds: s.arr(s.str(), "the customer ids, in the order given, each once"),
};

const refusals =
  `One transaction: every customer changes, or none. A 404 names the unknown customers and a 409 the churned ones ` +
  `(details: { unknown, churned }); a 400 says how many ids were found when there are none or more than ${BULK_LIMIT}. ` +
  "Each customer's timeline gets its own event.";

/** The bulk CSM actions over many customers of the at-risk list. */
export const bulkPaths: Record<string, Record<string, Schema>> = {
  "/api/v1/bulk/snooze": {
    post: op({
      summary: `Snooze up to ${BULK_LIMIT} customers until a day, with a reason`,
      description: refusals,
      tags: ["customer actions"],
      role: "csm",
      body: { schema: fromZod(bulkSnoozeBodySchema) },
      responses: {
        "200": json(
          "snoozed",
          s.obj({
            ...changed,
            until: s.time("the snooze's end: 00:00 UTC of the day given"),
            reason: s.nul(s.str()),
          }),
        ),
      },
      errors: ["400", "404", "409"],
    }),
  },
  "/api/v1/bulk/owner": {
    post: op({
      summary: `Assign the owner CSM of up to ${BULK_LIMIT} customers (null removes the override)`,
      description: refusals,
      tags: ["customer actions"],
      role: "csm",
      body: { schema: fromZod(bulkOwnerBodySchema) },
      responses: { "200": json("assigned", s.obj({ ...changed, owner: s.nul(s.str("the new owner's email")) })) },
      errors: ["400", "404", "409"],
    }),
  },
};
