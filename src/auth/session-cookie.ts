import { createHmac, timingSafeEqual } from "node:crypto";

/** The session cookie's name. */
export const SESSION_COOKIE = "retain_session";

const VERSION = "v1";

function mac(secret: string, text: string): string {
  return createHmac("sha256", secret).update(text).digest("base64url");
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a session cookie carries: the API key's id, a fingerprint of its stored hash, and when it expires. */
export interface SessionClaims {
  keyId: number;
  /** HMAC of the key's stored hash: the session is valid only for that exact key. */
  fingerprint: string;
  /** Expiry, in seconds since the epoch. */
  expiresAt: number;
}

/** The fingerprint of a key's stored SHA-256 hash, keyed by the session secret (the hash itself never leaves the server). */
export function keyFingerprint(secret: string, keyHash: string): string {
  return mac(secret, `key:${keyHash}`).slice(0, 22);
}

/** `v1.<keyId>.<expiresAt>.<fingerprint>.<HMAC-SHA256 of the rest>`: signed, not encrypted (it holds no secret). */
export function signSessionCookie(secret: string, claims: SessionClaims): string {
  const body = `${VERSION}.${claims.keyId}.${claims.expiresAt}.${claims.fingerprint}`;
  return `${body}.${mac(secret, body)}`;
}

/** The claims of a cookie whose signature checks and which has not expired; null otherwise. */
export function readSessionCookie(secret: string, value: string, nowMs = Date.now()): SessionClaims | null {
  const parts = value.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) return null;
  const [, id, exp, fingerprint, signature] = parts;
  if (!same(signature, mac(secret, parts.slice(0, 4).join(".")))) return null;
  const keyId = Number(id);
  const expiresAt = Number(exp);
  if (!Number.isSafeInteger(keyId) || !Number.isSafeInteger(expiresAt) || expiresAt * 1000 <= nowMs) return null;
  return { keyId, fingerprint, expiresAt };
}

/** True when two fingerprints are equal (constant time). */
export function sameFingerprint(a: string, b: string): boolean {
  return same(a, b);
}

/** Cookie name → value from a Cookie header (first occurrence wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";").map((p) => p.trim())) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}
