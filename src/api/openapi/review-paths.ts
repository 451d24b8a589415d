import { reviewParamsSchema, reviewSendBodySchema, reviewSkipBodySchema } from "../schemas/review-schemas.ts";
import { fromZod, parametersOf, s, type Schema } from "./json-schema.ts";
import { json, op } from "./operation.ts";

const address = s.obj({ name: s.str(), address: s.str() }, { optional: ["name"] });

const item = s.obj({
  id: s.int("the held email's id"),
  customerId: s.str(),
  customerName: s.nul(s.str()),
  mrr: s.num(),
  ownerEmail: s.nul(s.str("the account's owner")),
  ticketId: s.nul(s.str("the ticket's id at its source (null: the ticket is gone)")),
  plannedAt: s.time("when it would have gone without review"),
  reviewUntil: s.time("when it is skipped (review_expired) if nobody acts"),
  edited: s.bool("a reviewer saved edits to it"),
  mail: s.nul(
    s.obj({ from: address, to: address, subject: s.str(), text: s.str() }, { description: "as it would go now" }),
  ),
});

const heldId = parametersOf(reviewParamsSchema, "path");

/** Follow-ups held for review above RETAIN_OUTREACH_REVIEW_MRR (csm or admin), as on the To review page. */
export const reviewPaths: Record<string, Record<string, Schema>> = {
  "/api/v1/outreach/review": {
    get: op({
      summary: "Follow-ups held for review: the signed-in user's accounts first, then the soonest to lapse",
      tags: ["outreach"],
      role: "csm",
      responses: { "200": json("up to 100", s.obj({ items: s.arr(item) })) },
      errors: ["404"],
    }),
  },
  "/api/v1/outreach/review/{id}/send": {
    post: op({
      summary: "Send a held follow-up now, with edits: every rule is re-checked (cap, consent, reopened ticket…)",
      tags: ["outreach"],
      role: "csm",
      parameters: heldId,
      body: { schema: fromZod(reviewSendBodySchema), required: false },
      responses: {
        "200": json(
          "what happened (cancelled, failed and deferred say why in the outreach log)",
          s.obj({ id: s.int(), outcome: s.enum(["sent", "cancelled", "failed", "deferred"]), words: s.str() }),
        ),
      },
      errors: ["400", "404", "409"],
    }),
  },
  "/api/v1/outreach/review/{id}/skip": {
    post: op({
      summary: "Skip a held follow-up with a reason: recorded as cancelled (review_skipped), never sent",
      tags: ["outreach"],
      role: "csm",
      parameters: heldId,
      body: { schema: fromZod(reviewSkipBodySchema) },
      responses: { "200": json("skipped", s.obj({ id: s.int(), skipped: s.bool(), reason: s.str() })) },
      errors: ["400", "404", "409"],
    }),
  },
};
