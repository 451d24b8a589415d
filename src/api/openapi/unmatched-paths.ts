import {
  unmatchedDismissBodySchema,
  unmatchedLinkBodySchema,
  unmatchedParamsSchema,
  unmatchedQuerySchema,
} from "../schemas/unmatched-schemas.ts";
import { fromZod, parametersOf, s, type Schema } from "./json-schema.ts";
import { json, op } from "./operation.ts";

const rules = ["external_id", "contact_email", "email", "domain"] as const;

const candidate = s.obj({
  id: s.int("internal id"),
  externalId: s.str("the customer's id"),
  name: s.nul(s.str()),
  email: s.nul(s.str()),
  rule: s.enum(rules, "the rule that proposed it"),
});

const item = s.obj({
  id: s.int(),
  kind: s.enum(["ticket", "event", "billing"]),
  source: s.str("the door it came through: webhook (native ticket-closed), zendesk, stripe, …"),
  eventId: s.nul(s.str()),
  externalId: s.str("the item's id at its source (a ticket's id)"),
  requester: s.obj({ customerRef: s.nul(s.str()), email: s.nul(s.str()), name: s.nul(s.str()) }),
  subject: s.nul(s.str()),
  receivedAt: s.time(),
  reason: s.str("why it did not match, in words"),
  candidates: s.arr(candidate, "the customers it may belong to (ambiguous items)"),
  payload: { description: "what processing needs once linked, as stored" },
  status: s.enum(["open", "linked", "dismissed"]),
  customer: s.nul(s.obj({ externalId: s.str(), name: s.nul(s.str()) })),
  matchRule: s.nul(s.str("manual (linked by a person) or the rule a retry matched by")),
  resolvedBy: s.nul(s.str("who linked or dismissed it")),
  resolvedAt: s.nul(s.time()),
  note: s.nul(s.str("the dismissal's reason")),
});

const itemId = parametersOf(unmatchedParamsSchema, "path");

/** The unmatched queue of identity resolution: list, link, dismiss (csm or admin). */
export const unmatchedPaths: Record<string, Record<string, Schema>> = {
  "/api/v1/unmatched": {
    get: op({
      summary: "The unmatched queue: tickets and events whose customer could not be resolved, newest first",
      description:
        "Resolution rules, in order: the customer id; the requester's exact email (a known contact's, else a " +
        "customer's own); the email's domain when exactly one customer owns it (free-mail domains never).",
      tags: ["customers"],
      role: "csm",
      parameters: parametersOf(unmatchedQuerySchema, "query"),
      responses: {
        "200": json(
          "one page",
          s.obj({
            items: s.arr(item),
            next: s.nul(s.int("pass as before for the next page")),
            open: s.int("open items in all"),
          }),
        ),
      },
      errors: ["400"],
    }),
  },
  "/api/v1/unmatched/{id}/link": {
    post: op({
      summary: "Link an item to a customer: processed as if it had matched, and its requester email is learned",
      description:
        "A ticket is upserted and its follow-up queued exactly as the ticket-closed webhook does. The email becomes " +
        "a contact of the customer (source link), so later items from it match; other open items from it are linked too.",
      tags: ["customers"],
      role: "csm",
      parameters: itemId,
      body: { schema: fromZod(unmatchedLinkBodySchema) },
      responses: {
        "200": json(
          "linked and processed",
          s.obj({
            id: s.int(),
            customer: s.obj({ externalId: s.str(), name: s.nul(s.str()) }),
            outcome: s.str("what processing did, in words"),
            taught: s.nul(s.str("the email learned")),
            movedFrom: s.nul(s.str("the customer that email belonged to before")),
            alsoLinked: s.arr(s.int(), "other open items from the same email, linked through it"),
          }),
        ),
      },
      errors: ["400", "404", "409"],
    }),
  },
  "/api/v1/unmatched/{id}/dismiss": {
    post: op({
      summary: "Dismiss an item with a reason (who and when are kept); it is never processed",
      tags: ["customers"],
      role: "csm",
      parameters: itemId,
      body: { schema: fromZod(unmatchedDismissBodySchema) },
      responses: { "200": json("dismissed", s.obj({ id: s.int(), reason: s.str() })) },
      errors: ["400", "404", "409"],
    }),
  },
};
