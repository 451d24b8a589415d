import { createHmac, timingSafeEqual } from "node:crypto";

const PURPOSE = "unsubscribe";

function mac(customerId: number, secret: string): Buffer {
  return createHmac("sha256", secret).update(`${PURPOSE}:${customerId}`).digest();
}

/** `<customerId>.<HMAC-SHA256(secret, "unsubscribe:<customerId>") base64url>`: a link that needs no login and cannot be forged. */
export function signUnsubscribeToken(customerId: number, secret: string): string {
  return `${customerId}.${mac(customerId, secret).toString("base64url")}`;
}

/** The customer id of a genuine token; null for anything else (compared in constant time). */
export function verifyUnsubscribeToken(token: string, secret: string): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const customerId = Number(match[1]);
  const given = Buffer.from(match[2], "base64url");
  const expected = mac(customerId, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? customerId : null;
}
