import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { freshdeskChannel, parseFreshdesk, verifyFreshdesk } from "./freshdesk.ts";
import { intercomChannel, parseIntercom, signIntercom, verifyIntercom } from "./intercom.ts";
import { toIso } from "./ticket-event.ts";
import { sameSecret } from "./vendor-request.ts";
import { parseZendesk, signZendesk, verifyZendesk, zendeskChannel } from "./zendesk.ts";

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe("helpdesk signatures", () => {
  const secret = "a-signing-secret-0123";
  const raw = body({ id: "e1" });
  const now = Date.parse("2026-03-02T10:00:00Z");

  it("signs like Zendesk (base64 HMAC-SHA256 of timestamp + body) and Intercom (sha1= hex HMAC-SHA1 of body)", () => {
    const ts = "2026-03-02T10:00:00Z";
    expect(signZendesk({ secret, timestamp: ts, body: raw })).toBe(
      createHmac("sha256", secret).update(`${ts}${raw}`).digest("base64"),
    );
    expect(signIntercom({ secret, body: raw })).toBe(`sha1=${createHmac("sha1", secret).update(raw).digest("hex")}`);
  });

  it.each([
    ["missing headers", undefined, undefined, /^missing X-Zendesk-Webhook-Signature/],
    ["another secret", "other", "2026-03-02T10:00:00Z", /^bad signature/],
    ["a timestamp 6 minutes ahead", "ok", "2026-03-02T10:06:00Z", /too far from now/],
    ["an unreadable timestamp", "ok", "yesterday", /too far from now/],
    ["an ISO timestamp now", "ok", "2026-03-02T10:00:00Z", null],
    ["Unix seconds 4 minutes ago", "ok", String(now / 1000 - 240), null],
  ])("Zendesk: %s", (_case, signer, timestamp, refusal) => {
    const signature =
      signer && timestamp
        ? signZendesk({ secret: signer === "ok" ? secret : "other", timestamp, body: raw })
        : undefined;
    const got = verifyZendesk({ secret, body: raw, signature, timestamp, nowMs: now, toleranceMs: 300_000 });
    if (refusal === null) expect(got).toBeNull();
    else expect(got).toMatch(refusal);
  });

  it("Intercom and Freshdesk refuse a missing or wrong value and accept the right one", () => {
    expect(verifyIntercom({ secret, body: raw })).toMatch(/^missing X-Hub-Signature/);
    expect(verifyIntercom({ secret, body: raw, signature: signIntercom({ secret: "x", body: raw }) })).toMatch(/^bad/);
    expect(verifyIntercom({ secret, body: raw, signature: signIntercom({ secret, body: raw }) })).toBeNull();
    expect(verifyFreshdesk({ secret })).toMatch(/^missing X-Retain-Freshdesk-Secret/);
    expect(verifyFreshdesk({ secret, given: `${secret}x` })).toMatch(/^bad secret/);
    expect(verifyFreshdesk({ secret, given: ` ${secret} ` })).toBeNull();
    expect(sameSecret("abc", "abcd")).toBe(false);
  });
});

describe("helpdesk mappings", () => {
  it.each([
    [
      "Zendesk",
      zendeskChannel,
      { email: "email", web_widget: "web", native_messaging: "chat", voice: "phone", sms: "phone" },
    ],
    ["Zendesk", zendeskChannel, { twitter: "social", api: "other", web_service: "other", "": null }],
    [
      "Intercom",
      intercomChannel,
      { email: "email", conversation: "chat", phone_call: "phone", facebook: "social", push: "other" },
    ],
    [
      "Freshdesk",
      freshdeskChannel,
      { "Outbound Email": "email", Portal: "web", "Feedback Widget": "web", Phone: "phone" },
    ],
    ["Freshdesk", freshdeskChannel, { Chat: "chat", WhatsApp: "social", Ecommerce: "other", "": null }],
  ])("%s channels → Retain's", (_vendor, map, expected) => {
    const got = Object.fromEntries(Object.keys(expected).map((v) => [v, map(v)]));
    expect(got).toEqual(expected);
  });

  it("Zendesk: deleted tickets and non-ticket events are ignored; a status change takes event.current", () => {
    const envelope = (type: string, detail: unknown, event: unknown = {}) => body({ id: "e", type, detail, event });
    expect(parseZendesk(envelope("zen:event-type:ticket.soft_deleted", { id: 1, status: "DELETED" }))).toEqual({
      kind: "ignored",
      reason: "Zendesk ticket 1 is deleted: nothing to do",
    });
    const changed = parseZendesk(
      envelope("zen:event-type:ticket.status_changed", { id: 2, status: "OPEN" }, { current: "HOLD" }),
    );
    expect(changed.kind === "ticket" && changed.event.changes.status).toBe("pending");
  });

  it("Intercom: a closed conversation without statistics is closed at the event; an admin's own message has no requester", () => {
    const parsed = parseIntercom(
      body({
        type: "notification_event",
        id: "n",
        topic: "conversation.admin.closed",
        created_at: 1_772_445_600,
        data: {
          item: {
            type: "conversation",
            id: 9,
            state: "closed",
            source: { author: { type: "admin", email: "me@us.test" } },
          },
        },
      }),
    );
    expect(parsed.kind === "ticket" && parsed.event).toMatchObject({
      ticketId: "9",
      requester: { email: null },
      changes: { status: "closed" },
      occurredAt: new Date(1_772_445_600_000),
    });
    expect(parsed.kind === "ticket" && "closed_at" in parsed.event.changes).toBe(false);
  });

  it("Freshdesk: custom statuses are pending, unrendered placeholders are absent, created_at only with an offset", () => {
    const now = new Date("2026-03-02T10:00:00Z");
    const parsed = parseFreshdesk(
      body({
        ticket: {
          id: 7,
          status: "Waiting on Customer",
          priority: "{{ticket.priority}}",
          created_at: "2026-03-01 09:00:00",
          agent: { email: "" },
          requester: { email: "a@b.test" },
        },
      }),
      now,
    );
    expect(parsed.kind === "ticket" && parsed.event).toMatchObject({
      ticketId: "7",
      agent: undefined,
      changes: { status: "pending" },
      occurredAt: now,
    });
    expect(parsed.kind === "ticket" && Object.keys(parsed.event.changes)).toEqual(["status"]);
    expect(toIso(1_772_445_600)).toBe("2026-03-02T10:00:00.000Z");
    expect(toIso("not a time")).toBeNull();
  });
});
