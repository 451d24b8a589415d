import { param, s, type Schema } from "./json-schema.ts";
import { json, op } from "./operation.ts";

/** A vendor's object: these properties (only `required` must be there) and any others. */
const loose = (properties: Record<string, Schema>, required: string[], description: string): Schema =>
  s.obj(properties, {
    open: true,
    description,
    optional: Object.keys(properties).filter((k) => !required.includes(k)),
  });

const ignored = s.obj({
  status: s.enum(["ignored"]),
  vendor: s.enum(["zendesk", "intercom", "freshdesk"]),
  reason: s.str(),
});
const result = { oneOf: [s.ref("WebhookResult"), ignored] };

/** One vendor-format helpdesk webhook: public (the vendor's signature or shared secret instead of an API key). */
function helpdeskOp(o: { vendor: string; summary: string; description: string; headers: Schema[]; body: Schema }) {
  return {
    post: op({
      summary: o.summary,
      tags: ["outreach"],
      role: "public",
      description: `${o.description} 404 while ${o.vendor} is unset. See README “Helpdesk webhooks”.`,
      parameters: o.headers,
      body: { schema: o.body },
      responses: {
        "200": json("accepted (ticket upserted, follow-up queued), or ignored: nothing for Retain in it", result),
        "202": json("customer not matched: listed in the unmatched queue", "WebhookResult"),
      },
      errors: ["400", "401", "404", "409", "413"],
    }),
  };
}

/** POST /api/v1/webhooks/{zendesk,intercom,freshdesk}. */
export const helpdeskPaths: Record<string, Schema> = {
  "/api/v1/webhooks/zendesk": helpdeskOp({
    vendor: "RETAIN_ZENDESK_SECRET",
    summary: "A Zendesk event webhook (zen:event-type:ticket.*), signed by Zendesk",
    description:
      "X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(signing secret, X-Zendesk-Webhook-Signature-Timestamp + raw " +
      "body)); the timestamp must be within RETAIN_WEBHOOK_TOLERANCE_SECONDS. Replay key: the event's id.",
    headers: [
      param("X-Zendesk-Webhook-Signature", "header", s.str(), "base64 HMAC-SHA256", true),
      param("X-Zendesk-Webhook-Signature-Timestamp", "header", s.str(), "the signed timestamp", true),
    ],
    body: loose(
      {
        id: s.str(),
        type: s.str("zen:event-type:ticket.status_changed, …"),
        time: s.str(),
        detail: s.obj({}, { open: true }),
      },
      ["id", "type", "detail"],
      "Zendesk's event envelope: detail is the ticket after the event",
    ),
  }),
  "/api/v1/webhooks/intercom": helpdeskOp({
    vendor: "RETAIN_INTERCOM_SECRET",
    summary: "An Intercom webhook notification (conversation topics), signed by Intercom",
    description:
      "X-Hub-Signature = sha1=<hex HMAC-SHA1 of the raw body with the app's client secret>; a notification created " +
      "more than 24 hours ago is stale (401). Replay key: the notification's id.",
    headers: [param("X-Hub-Signature", "header", s.str(), "sha1=<hex>", true)],
    body: loose(
      {
        type: s.enum(["notification_event"]),
        id: s.str(),
        topic: s.str(),
        created_at: s.int(),
        data: s.obj({}, { open: true }),
      },
      ["type", "id", "topic", "created_at", "data"],
      "data.item is the conversation",
    ),
  }),
  "/api/v1/webhooks/freshdesk": helpdeskOp({
    vendor: "RETAIN_FRESHDESK_SECRET",
    summary: "A Freshdesk automation webhook (not signed: a shared secret in a header)",
    description:
      "X-Retain-Freshdesk-Secret must equal RETAIN_FRESHDESK_SECRET (compared in constant time). Replay key: a hash " +
      "of the body.",
    headers: [param("X-Retain-Freshdesk-Secret", "header", s.str(), "the shared secret", true)],
    body: loose(
      {
        ticket: loose(
          {
            id: s.str(),
            subject: s.str(),
            status: s.str(),
            priority: s.str(),
            source: s.str(),
            type: s.str(),
            requester: s.obj({ email: s.str(), name: s.str() }, { optional: ["email", "name"] }),
            agent: s.obj({ email: s.str(), name: s.str() }, { optional: ["email", "name"] }),
          },
          ["id"],
          "placeholders as in README “Freshdesk”",
        ),
      },
      ["ticket"],
      "the JSON body configured in the automation rule",
    ),
  }),
};
