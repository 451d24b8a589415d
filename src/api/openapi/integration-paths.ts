import { STRIPE_EVENTS } from "../../billing/index.ts";
import { param, s, type Schema } from "./json-schema.ts";
import { json, op } from "./operation.ts";

const stripeResult = s.obj(
  {
    status: s.enum(["applied", "unmatched", "ignored"]),
    eventId: s.str(),
    type: s.str(),
    customerId: s.str("the Retain customer's external id, when matched"),
    reason: s.str("why the event was unmatched or ignored"),
    customer: s.obj({ plan: s.nul(s.str()), mrr: s.num(), signupDate: s.day(), churnDate: s.nul(s.day()) }),
  },
  { optional: ["customerId", "reason", "customer"] },
);

const trackingResult = s.obj({
  received: s.int(),
  counted: s.int("events added to daily usage"),
  duplicates: s.int("events whose messageId was counted before"),
  ignored: s.map(s.int(), "messages of other types (identify, page…), accepted and not counted, by type"),
  rejected: s.int(),
  errors: s.arr(s.obj({ index: s.int(), column: s.str(), reason: s.str() })),
});

const trackMessage: Schema = {
  type: "object",
  description: "a message of Segment's HTTP Tracking API (other fields are accepted and ignored)",
  properties: {
    type: s.str("track (the default on /track); other types are counted as ignored"),
    userId: s.str("the customer's external id"),
    anonymousId: s.str(),
    groupId: s.str("the customer's external id (an account)"),
    event: s.str("the event's name, counted as the usage metric of the same name in snake_case"),
    properties: { type: "object", description: "properties.email is read when no userId or groupId matches" },
    context: { type: "object", description: "context.traits.email is read when no userId or groupId matches" },
    timestamp: s.time("when it happened; its UTC day is the usage day (default: when received)"),
    messageId: s.str("counted once: a repeat is a duplicate"),
  },
  required: ["event"],
};

const tracking = (kind: "track" | "batch"): Schema =>
  op({
    summary:
      kind === "track" ? "Count one product-usage event (Segment track)" : "Count a batch of events (Segment batch)",
    tags: ["ingest"],
    role: "public",
    description:
      "HTTP Basic auth: the username is RETAIN_SEGMENT_WRITE_KEY, the password empty. 404 when it is unset. Limits: " +
      (kind === "track"
        ? "32 KB per call (413)."
        : "500 KB per request (413) and 32 KB per event (a per-record error)."),
    parameters: [param("Authorization", "header", s.str(), 'Basic base64("<write key>:")', true)],
    body: {
      schema:
        kind === "track"
          ? trackMessage
          : s.obj({ batch: s.arr(trackMessage), context: { type: "object" } }, { optional: ["context"], open: true }),
    },
    responses: {
      "200": json("every message accepted (counted, duplicate or ignored)", trackingResult),
      "207": json("some messages refused: see errors", trackingResult),
    },
    errors: ["400", "401", "404", "413"],
  });

/** The doors of the tools teams already run: Stripe's webhook and the Segment-compatible tracking API. */
export const integrationPaths: Record<string, Record<string, Schema>> = {
  "/api/v1/webhooks/stripe": {
    post: op({
      summary: "Stripe's events: subscriptions keep plan, MRR and dates current; failed payments are recorded",
      tags: ["ingest"],
      role: "public",
      description:
        "Header Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of `<t>.<raw body>` with RETAIN_STRIPE_SECRET>" +
        ` (5-minute tolerance). 404 when RETAIN_STRIPE_SECRET is unset. Events used: ${STRIPE_EVENTS.join(", ")}.`,
      parameters: [param("Stripe-Signature", "header", s.str(), "t=…,v1=…", true)],
      body: { schema: { type: "object", description: "a Stripe event object (id, type, created, data.object)" } },
      responses: {
        "200": json("applied, or ignored (another type, or older than the event already applied)", stripeResult),
        "202": json("customer not matched: kept as unmatched with the reason", stripeResult),
      },
      errors: ["400", "401", "404", "409", "413"],
    }),
  },
  "/api/v1/track": { post: tracking("track") },
  "/api/v1/batch": { post: tracking("batch") },
};
