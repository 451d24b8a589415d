import { createHmac } from "node:crypto";
import { sameSecret } from "../same-secret.ts";

/** The session cookie's name. */
export const SESSION_COOKIE = "retain_session";

const VERSION = "v2";

function mac(secret: string, text: string): string {
  return createHmac("sha256", secret).update(text).digest("base64url");
}

/** Who a session is for: an API key (signed in with the key) or a user (signed in with email and password). */
export type SessionSubject = { kind: "key" | "user"; id: number };

/** What a session cookie carries: its subject, a fingerprint of the subject's credential, and when it expires. */
export interface SessionClaims {
  subject: SessionSubject;
  /** HMAC of the key's stored hash or the user's password hash: a new key or password ends the session. */
  fingerprint: string;
  /** Expiry, in seconds since the epoch. */
  expiresAt: number;
}

/** The fingerprint of a stored credential (a key's SHA-256, a password hash), keyed by the session secret; it never leaves the server. */
export function credentialFingerprint(secret: string, subject: SessionSubject, stored: string): string {
  return mac(secret, `${subject.kind}:${subject.id}:${stored}`).slice(0, 22);
}

const TAG = { key: "k", user: "u" } as const;

/** `v2.<k|u><id>.<expiresAt>.<fingerprint>.<HMAC-SHA256 of the rest>`: signed, not encrypted (it holds no secret). */
export function signSessionCookie(secret: string, claims: SessionClaims): string {
  const body = `${VERSION}.${TAG[claims.subject.kind]}${claims.subject.id}.${claims.expiresAt}.${claims.fingerprint}`;
  return `${body}.${mac(secret, body)}`;
}

/** The claims of a cookie whose signature checks and which has not expired; null otherwise. */
export function readSessionCookie(secret: string, value: string, nowMs = Date.now()): SessionClaims | null {
  const parts = value.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) return null;
  const [, subject, exp, fingerprint, signature] = parts;
  if (!sameSecret(signature, mac(secret, parts.slice(0, 4).join(".")))) return null;
  const match = /^([ku])(\d{1,15})$/.exec(subject);
  const expiresAt = Number(exp);
  if (!match || !Number.isSafeInteger(expiresAt) || expiresAt * 1000 <= nowMs) return null;
  return { subject: { kind: match[1] === "k" ? "key" : "user", id: Number(match[2]) }, fingerprint, expiresAt };
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
