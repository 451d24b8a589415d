import { createHmac } from "node:crypto";
import { sameSecret } from "../same-secret.ts";

/** Stripe's default and Retain's tolerance between the signed timestamp and now. */
export const STRIPE_TOLERANCE_MS = 5 * 60_000;

/** hex HMAC-SHA256 of `<t>.<raw body>` with the endpoint's signing secret: Stripe's v1 scheme. */
export function stripeSignature(options: {
  secret: string;
  timestamp: string | number;
  body: Buffer | string;
}): string {
  return createHmac("sha256", options.secret).update(`${options.timestamp}.`).update(options.body).digest("hex");
}

/** A Stripe-Signature header value (`t=…,v1=…`), as Stripe sends it; for tests and local tools. */
export function stripeSignatureHeader(options: { secret: string; timestamp: number; body: Buffer | string }): string {
  return `t=${options.timestamp},v1=${stripeSignature(options)}`;
}

export const StripeRefusal = {
  MissingHeader: "missing_header",
  BadSignature: "bad_signature",
  StaleTimestamp: "stale_timestamp",
} as const;
export type StripeRefusal = (typeof StripeRefusal)[keyof typeof StripeRefusal];

/**
 * Checks a Stripe-Signature header: `t` (Unix seconds) and one or more `v1` signatures (several
 * while a secret is being rolled); any v1 equal (constant time) to the expected one is enough.
 * Other schemes (v0) are ignored. Then the timestamp must be within ±tolerance of now.
 */
export function verifyStripeSignature(options: {
  secret: string;
  body: Buffer;
  header: string | undefined;
  nowMs: number;
  toleranceMs?: number;
}): { ok: true; timestamp: number } | { ok: false; refusal: StripeRefusal } {
  const { secret, body, header, nowMs, toleranceMs = STRIPE_TOLERANCE_MS } = options;
  const parts = (header ?? "").split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  const v1 = parts.filter(([k, v]) => k === "v1" && v).map(([, v]) => v);
  if (!t || !/^\d{1,12}$/.test(t) || v1.length === 0) return { ok: false, refusal: StripeRefusal.MissingHeader };
  const expected = stripeSignature({ secret, timestamp: t, body });
  const matches = v1.some((given) => sameSecret(given, expected));
  if (!matches) return { ok: false, refusal: StripeRefusal.BadSignature };
  if (Math.abs(nowMs - Number(t) * 1000) > toleranceMs) return { ok: false, refusal: StripeRefusal.StaleTimestamp };
  return { ok: true, timestamp: Number(t) };
}
