import { createHmac } from "node:crypto";
import { sameSecret } from "../same-secret.ts";

/**
 * The ticket webhook's signature: `sha256=` + hex HMAC-SHA256(secret, `<timestamp>.<raw body>`),
 * where timestamp is the X-Retain-Timestamp header (Unix seconds). Signing the timestamp
 * with the body means a captured request cannot be replayed later under a fresh timestamp.
 */
export function signWebhook(options: { secret: string; timestamp: string; body: Buffer | string }): string {
  const hmac = createHmac("sha256", options.secret).update(`${options.timestamp}.`).update(options.body);
  return `sha256=${hmac.digest("hex")}`;
}

export const WebhookRefusal = {
  MissingHeaders: "missing_headers",
  BadSignature: "bad_signature",
  StaleTimestamp: "stale_timestamp",
} as const;
export type WebhookRefusal = (typeof WebhookRefusal)[keyof typeof WebhookRefusal];

/** Checks the signature (constant time), then that the timestamp is within ±tolerance of now. */
export function verifyWebhookSignature(options: {
  secret: string;
  body: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  nowMs: number;
  toleranceMs: number;
}): { ok: true } | { ok: false; refusal: WebhookRefusal } {
  const { secret, body, signature, timestamp, nowMs, toleranceMs } = options;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, refusal: WebhookRefusal.MissingHeaders };
  if (!sameSecret(signature.trim(), signWebhook({ secret, timestamp, body })))
    return { ok: false, refusal: WebhookRefusal.BadSignature };
  if (Math.abs(nowMs - Number(timestamp) * 1000) > toleranceMs)
    return { ok: false, refusal: WebhookRefusal.StaleTimestamp };
  return { ok: true };
}
