import type { Request, RequestHandler } from "express";
import { parseCookies, SESSION_COOKIE, verifyApiKey, type Principal, type Sessions } from "../auth/index.ts";
import type { Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { assertSameOrigin, isSafeMethod } from "./same-origin.ts";

declare module "express-serve-static-core" {
  interface Request {
    /** Who the request acts as, once authenticated. */
    principal?: Principal;
    /** How the caller proved who it is: an `Authorization: Bearer` key or the dashboard's session cookie. */
    authVia?: "key" | "session";
  }
}

/** What a request is authenticated against: the API keys (in the database) and the signed sessions. */
export interface AuthDeps {
  db: Database;
  sessions: Sessions;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The API's door: `Authorization: Bearer <key>` or, without that header, the dashboard's
 * session cookie, re-checked against its user or key on every request; 401 when neither holds. A
 * change made with the cookie must come from this origin.
 */
export function authenticateRequest(deps: AuthDeps): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get("authorization");
    const cookie = header ? undefined : parseCookies(req.get("cookie")).get(SESSION_COOKIE);
    if (cookie) {
      const principal = await deps.sessions.verify(cookie);
      if (!principal)
        throw new AppError(
          ErrorCode.Unauthorized,
          "your session has ended (signed out, expired, a new password, or the user or API key was revoked): sign in again at /sign-in",
        );
      if (!isSafeMethod(req.method)) assertSameOrigin(req);
      req.principal = principal;
      req.authVia = "session";
      return next();
    }
    req.authVia = "key";
    const match = BEARER.exec(header ?? "");
    if (!match)
      throw new AppError(
        ErrorCode.Unauthorized,
        "missing API key: send `Authorization: Bearer <key>` (create one with `retain apikey create --role viewer`)",
      );
    const principal = await verifyApiKey(deps.db, match[1]);
    if (!principal) throw new AppError(ErrorCode.Unauthorized, "unknown or revoked API key");
    req.principal = principal;
    next();
  };
}

/** The caller of a page: a session cookie, or (for scripts and benchmarks) `Authorization: Bearer <key>`; null when neither holds. */
export async function pagePrincipal(req: Request, deps: AuthDeps): Promise<Principal | null> {
  const bearer = BEARER.exec(req.get("authorization") ?? "");
  if (bearer) return verifyApiKey(deps.db, bearer[1]);
  const cookie = parseCookies(req.get("cookie")).get(SESSION_COOKIE);
  return cookie ? deps.sessions.verify(cookie) : null;
}

/** The pages' door: a signed-in caller (see pagePrincipal); anyone else is sent to the sign-in page (and back afterwards). */
export function requirePage(deps: AuthDeps): RequestHandler {
  return async (req, res, next) => {
    const principal = await pagePrincipal(req, deps);
    if (!principal) return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    req.principal = principal;
    next();
  };
}
