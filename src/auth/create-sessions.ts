import { randomBytes } from "node:crypto";
import { findActiveApiKeyById, findUserCredentials, touchApiKey, type Database } from "../db/index.ts";
import { hashApiKey, keyPrincipal, verifyApiKey } from "./api-keys.ts";
import { sameSecret } from "../same-secret.ts";
import type { Principal } from "./principal.ts";
import { isRole } from "./roles.ts";
import {
  credentialFingerprint,
  readSessionCookie,
  SESSION_COOKIE,
  signSessionCookie,
  type SessionSubject,
} from "./session-cookie.ts";
import { authenticateUser } from "./users.ts";

/**
 * Sign-in sessions for the dashboard. Signing in checks a user's password (or an API key) once
 * and returns a signed cookie naming the user or key, a fingerprint of its stored credential and
 * an expiry; every request re-reads the user or key from the database, so revoking either, or a
 * new password, ends its sessions at once.
 */
export interface Sessions {
  readonly ttlSeconds: number;
  /** A session for an active user's email and password, or null. */
  signInWithPassword(email: string, password: string): Promise<{ cookie: string; principal: Principal } | null>;
  /** A session for a valid key, or null when the key is unknown or revoked. */
  signInWithKey(key: string): Promise<{ cookie: string; principal: Principal } | null>;
  /** The principal of a cookie value: signature, expiry, and its user or key still active. Null otherwise. */
  verify(cookie: string): Promise<Principal | null>;
  /** A Set-Cookie header value: HttpOnly, SameSite=Strict, Path=/ (Secure over HTTPS). */
  setCookieHeader(cookie: string, options: { secure: boolean }): string;
  /** A Set-Cookie header value that removes the cookie. */
  clearCookieHeader(options: { secure: boolean }): string;
}

/** A user's principal: they act under their email (unique), pages show their name. */
export function userPrincipal(user: { id: number; role: string; name: string; email: string }): Principal | null {
  if (!isRole(user.role)) return null;
  return { kind: "user", id: user.id, role: user.role, name: user.name, email: user.email, actor: user.email };
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
  const issue = (subject: SessionSubject, stored: string, principal: Principal) => ({
    cookie: signSessionCookie(secret, {
      subject,
      fingerprint: credentialFingerprint(secret, subject, stored),
      expiresAt: Math.floor(now() / 1000) + ttlSeconds,
    }),
    principal,
  });
  /** The subject's principal and stored credential, when it is still active. */
  async function current(subject: SessionSubject): Promise<{ principal: Principal; stored: string } | null> {
    if (subject.kind === "key") {
      const key = await findActiveApiKeyById(db, subject.id);
      if (!key || !isRole(key.role)) return null;
      touchApiKey(db, key.id).catch(() => undefined); // best effort, as for bearer keys
      return { principal: keyPrincipal({ ...key, role: key.role }), stored: key.hash };
    }
    const user = await findUserCredentials(db, { id: subject.id });
    const principal = user && !user.disabledAt && user.passwordHash ? userPrincipal(user) : null;
    return principal ? { principal, stored: user!.passwordHash! } : null;
  }
  return {
    ttlSeconds,
    async signInWithPassword(email, password) {
      const user = await authenticateUser(db, email, password);
      const principal = user && userPrincipal(user);
      return principal ? issue({ kind: "user", id: user.id }, user.passwordHash!, principal) : null;
    },
    async signInWithKey(key) {
      const principal = await verifyApiKey(db, key.trim());
      return principal ? issue({ kind: "key", id: principal.id }, hashApiKey(key.trim()), principal) : null;
    },
    async verify(cookie) {
      const claims = readSessionCookie(secret, cookie, now());
      const found = claims && (await current(claims.subject));
      if (!found) return null;
      const expected = credentialFingerprint(secret, claims.subject, found.stored);
      return sameSecret(claims.fingerprint, expected) ? found.principal : null;
    },
    setCookieHeader: (cookie, { secure }) =>
      `${SESSION_COOKIE}=${cookie}; Max-Age=${ttlSeconds}; ${attributes(secure)}`,
    clearCookieHeader: ({ secure }) => `${SESSION_COOKIE}=; Max-Age=0; ${attributes(secure)}`,
  };
}
