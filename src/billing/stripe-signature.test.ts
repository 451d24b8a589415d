import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { stripeSignatureHeader, verifyStripeSignature } from "./stripe-signature.ts";

const secret = "whsec_unit_test_secret";
const body = Buffer.from('{"id":"evt_1","type":"invoice.paid"}');
const t = 1_780_000_000;
const nowMs = t * 1000;
// Computed independently of the code under test: hex HMAC-SHA256 of `<t>.<body>`.
const v1 = createHmac("sha256", secret).update(`${t}.${body.toString()}`).digest("hex");

describe("verifyStripeSignature", () => {
  it.each([
    ["the header Stripe sends", `t=${t},v1=${v1}`, { ok: true, timestamp: t }],
    ["the helper's header", stripeSignatureHeader({ secret, timestamp: t, body }), { ok: true, timestamp: t }],
    [
      "a v0 and another v1 beside the good one",
      `t=${t},v0=abc,v1=${"a".repeat(64)},v1=${v1}`,
      { ok: true, timestamp: t },
    ],
    ["spaces after commas", `t=${t}, v1=${v1}`, { ok: true, timestamp: t }],
    ["no v1", `t=${t},v0=${v1}`, { ok: false, refusal: "missing_header" }],
    ["no t", `v1=${v1}`, { ok: false, refusal: "missing_header" }],
    ["an empty header", "", { ok: false, refusal: "missing_header" }],
    [
      "a wrong signature",
      `t=${t},v1=${v1.replace(/^./, v1[0] === "0" ? "1" : "0")}`,
      { ok: false, refusal: "bad_signature" },
    ],
    ["a short signature", `t=${t},v1=${v1.slice(0, 10)}`, { ok: false, refusal: "bad_signature" }],
    ["another timestamp", `t=${t + 1},v1=${v1}`, { ok: false, refusal: "bad_signature" }],
  ])("%s", (_, header, expected) => {
    expect(verifyStripeSignature({ secret, body, header, nowMs })).toEqual(expected);
  });

  it.each([
    [-300_000, true],
    [300_000, true],
    [-300_001, false],
    [300_001, false],
  ])("a timestamp %d ms from now passes: %s", (offset, ok) => {
    expect(verifyStripeSignature({ secret, body, header: `t=${t},v1=${v1}`, nowMs: nowMs - offset }).ok).toBe(ok);
  });
});
