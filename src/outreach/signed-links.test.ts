import { describe, expect, it } from "vitest";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token.ts";
import { signWebhook, verifyWebhookSignature } from "./webhook-signature.ts";

describe("unsubscribe tokens", () => {
  const secret = "s".repeat(32);
  it("round-trips the customer id", () =>
    expect(verifyUnsubscribeToken(signUnsubscribeToken(42, secret), secret)).toBe(42));
  it.each([
    ["another customer's id with this signature", signUnsubscribeToken(42, secret).replace(/^42\./, "43.")],
    ["another secret", signUnsubscribeToken(42, "t".repeat(32))],
    ["cut short", signUnsubscribeToken(42, secret).slice(0, -2)],
    ["garbage", "42.../../etc"],
  ])("refuses %s", (_why, token) => expect(verifyUnsubscribeToken(token, secret)).toBeNull());
});

describe("webhook signatures", () => {
  const secret = "w".repeat(32);
  const body = Buffer.from('{"event_id":"e1"}');
  const now = 1_770_000_000_000;
  const timestamp = String(now / 1000);
  const ok = {
    secret,
    body,
    timestamp,
    signature: signWebhook({ secret, timestamp, body }),
    nowMs: now,
    toleranceMs: 300_000,
  };

  it("accepts the right signature within the tolerance", () =>
    expect(verifyWebhookSignature(ok)).toEqual({ ok: true }));
  it.each([
    ["no signature", { signature: undefined }, "missing_headers"],
    ["a signature of another body", { body: Buffer.from('{"event_id":"e2"}') }, "bad_signature"],
    ["a moved timestamp (it is signed)", { timestamp: String(now / 1000 + 1) }, "bad_signature"],
    ["a wrong secret", { signature: signWebhook({ secret: "x".repeat(32), timestamp, body }) }, "bad_signature"],
    ["5 min 1 s late", { nowMs: now + 301_000 }, "stale_timestamp"],
    ["5 min 1 s early", { nowMs: now - 301_000 }, "stale_timestamp"],
  ])("refuses %s", (_why, change, refusal) => {
    expect(verifyWebhookSignature({ ...ok, ...change })).toEqual({ ok: false, refusal });
  });
});
