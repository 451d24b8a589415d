import { randomBytes } from "node:crypto";
import { findActiveApiKeyById, touchApiKey, type Database } from "../db/index.ts";
import { hashApiKey, verifyApiKey, type Principal } from "./api-keys.ts";
import { isRole } from "./roles.ts";
import {
  keyFingerprint,
  readSessionCookie,
  sameFingerprint,
  SESSION_COOKIE,
  signSessionCookie,
} from "./session-cookie.ts";

/**
 * Sign-in sessions for the dashboard. Signing in checks an API key once and returns a signed
 * cookie naming that key (id + a fingerprint of its stored hash) and an expiry; every request
 * re-reads the key from the database, so revoking the key ends its sessions at once.
 */
export interface Sessions {
  readonly ttlSeconds: number;
  /** A session cookie value for a valid key, or null when the key is unknown or revoked. */
  signIn(key: string): Promise<{ cookie: string; principal: Principal } | null>;
  /** The principal of a cookie value: signature, expiry, and its key still active. Null otherwise. */
  verify(cookie: string): Promise<Principal | null>;
  /** A Set-Cookie header value: HttpOnly, SameSite=Strict, Path=/ (Secure over HTTPS). */
  setCookieHeader(cookie: string, options: { secure: boolean }): string;
  /** A Set-Cookie header value that removes the cookie. */
  clearCookieHeader(options: { secure: boolean }): string;
}

/**
 * `secret` signs the cookies (default: random per process, so sessions end on restart; give
 * the same secret to every instance behind a load balancer). `ttlHours` (default 12) is the
 * session's absolute lifetime. `now` replaces the clock in tests.
 */
export function createSessions(options: {
  db: Database;
  secret?: string;
  ttlHours?: number;
  now?: () => number;
}): Sessions {
  const { db, ttlHours = 12, now = () => Date.now() } = options;
  const secret = options.secret ?? randomBytes(32).toString("base64url");
  const ttlSeconds = Math.round(ttlHours * 3600);
  const attributes = (secure: boolean) => `Path=/; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
  return {
    ttlSeconds,
    async signIn(key) {
      const principal = await verifyApiKey(db, key.trim());
      if (!principal) return null;
      const expiresAt = Math.floor(now() / 1000) + ttlSeconds;
      const cookie = signSessionCookie(secret, {
        keyId: principal.id,
        fingerprint: keyFingerprint(secret, hashApiKey(key.trim())),
        expiresAt,
      });
      return { cookie, principal };
    },
    async verify(cookie) {
      const claims = readSessionCookie(secret, cookie, now());
      if (!claims) return null;
      const record = await findActiveApiKeyById(db, claims.keyId);
      if (!record || !isRole(record.role) || !sameFingerprint(claims.fingerprint, keyFingerprint(secret, record.hash)))
        return null;
      touchApiKey(db, record.id).catch(() => undefined); // best effort, as for bearer keys
      return { id: record.id, role: record.role, name: record.name };
    },
    setCookieHeader: (cookie, { secure }) =>
      `${SESSION_COOKIE}=${cookie}; Max-Age=${ttlSeconds}; ${attributes(secure)}`,
    clearCookieHeader: ({ secure }) => `${SESSION_COOKIE}=; Max-Age=0; ${attributes(secure)}`,
  };
}
