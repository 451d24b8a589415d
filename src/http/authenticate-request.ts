import type { RequestHandler } from "express";
import type { Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { parseCookies, SESSION_COOKIE, type Sessions } from "../web/session/index.ts";
import { authenticate } from "./require-role.ts";
import { assertSameOrigin, isSafeMethod } from "./same-origin.ts";

declare module "express-serve-static-core" {
  interface Request {
    /** How the caller proved who it is: an `Authorization: Bearer` key or the dashboard's session cookie. */
    authVia?: "key" | "session";
  }
}

/**
 * Accepts `Authorization: Bearer <key>` (checked by `authenticate`) or, without that header,
 * the dashboard's session cookie, re-checked against its key on every request. A change made
 * with the cookie must come from this origin.
 */
export function authenticateRequest(deps: { db: Database; sessions: Sessions }): RequestHandler {
  const bearer = authenticate(deps.db);
  return async (req, res, next) => {
    const cookie = req.get("authorization") ? undefined : parseCookies(req.get("cookie")).get(SESSION_COOKIE);
    if (!cookie) {
      req.authVia = "key";
      return bearer(req, res, next);
    }
    const principal = await deps.sessions.verify(cookie);
    if (!principal) throw new AppError(ErrorCode.Unauthorized, "your session has ended (signed out, expired, or its API key was revoked): sign in again at /sign-in");
    if (!isSafeMethod(req.method)) assertSameOrigin(req);
    req.principal = principal;
    req.authVia = "session";
    next();
  };
}
