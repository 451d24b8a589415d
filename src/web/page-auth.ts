import express, { Router, type Request, type RequestHandler } from "express";
import { z } from "zod";
import { readPasswordLink, setPasswordWithLink, type Principal, type Sessions } from "../auth/index.ts";
import type { Database } from "../db/index.ts";
import { isAppError } from "../errors.ts";
import { assertSameOrigin, pagePrincipal, signInLimiter } from "../http/index.ts";
import { setPasswordPage, signInPage } from "./pages/sign-in-page.ts";

/** Where to go after signing in: a path on this site only (never `//host` or a full URL); null when none was asked for. */
export function safeNext(next: unknown): string | null {
  return typeof next === "string" && /^\/(?![/\\])[^\s]*$/.test(next) && !/^\/(sign-|set-password)/.test(next)
    ? next
    : null;
}

/** Where a signed-in person starts: a CSM on their own book (My accounts), everyone else on the whole at-risk list. */
export function landingPage(principal: Principal): string {
  return principal.kind === "user" && principal.role === "csm" ? "/at-risk?owner=me" : "/at-risk";
}

const signInForm = z.object({
  email: z.string().max(320).optional(),
  password: z.string().max(200).optional(),
  key: z.string().max(200).optional(),
  next: z.string().max(2000).optional(),
});

const setPasswordForm = z.object({
  token: z.string().max(200).default(""),
  password: z.string().max(200).default(""),
  confirm: z.string().max(200).default(""),
});

const form = express.urlencoded({ extended: false, limit: "10kb" });

/**
 * GET/POST /sign-in (email and password, or an API key → session cookie, then back to `next` or
 * the person's landing page), GET/POST /set-password (a one-time link), POST /sign-out; the posts
 * must come from this origin. `signInLimit` is the limiter shared with the API's sign-in (default:
 * one of its own); over it, the form gets an HTML page (via the pages' error handler).
 */
export function signInRoutes(deps: { db: Database; sessions: Sessions; signInLimit?: RequestHandler }): Router {
  const router = Router();
  const limit = deps.signInLimit ?? signInLimiter();
  const passwordLimit = signInLimiter(); // a store of its own: choosing a password is not a sign-in attempt
  const secure = (req: Request) => req.secure;
  const signedIn = (req: Request, res: express.Response, cookie: string, to: string) => {
    res.setHeader("Set-Cookie", deps.sessions.setCookieHeader(cookie, { secure: secure(req) }));
    res.redirect(303, to);
  };
  router.get("/sign-in", async (req, res) => {
    const principal = await pagePrincipal(req, deps);
    const next = safeNext(req.query.next) ?? "";
    if (principal) return res.redirect(303, next || landingPage(principal));
    res.type("html").send(signInPage({ next }));
  });
  router.post("/sign-in", limit, form, async (req, res) => {
    assertSameOrigin(req);
    const parsed = signInForm.safeParse(req.body ?? {});
    const f = parsed.success ? parsed.data : {};
    const next = safeNext(f.next) ?? "";
    const withKey = Boolean(f.key?.trim());
    const session = withKey
      ? await deps.sessions.signInWithKey(f.key!)
      : f.email?.trim() && f.password
        ? await deps.sessions.signInWithPassword(f.email, f.password)
        : null;
    if (!session) {
      const error = withKey
        ? "That key is unknown or revoked: expected an API key like rk_1a2b3c4d_…"
        : "Wrong email or password (or your account was revoked). Forgot it? Ask an admin for a new link.";
      res
        .status(401)
        .type("html")
        .send(signInPage({ next, error, email: f.email, withKey }));
      return;
    }
    signedIn(req, res, session.cookie, next || landingPage(session.principal));
  });
  router.get("/set-password", async (req, res) => {
    const token = typeof req.query.token === "string" ? req.query.token.slice(0, 200) : "";
    res.setHeader("Referrer-Policy", "no-referrer"); // the token is in this page's URL
    res.type("html").send(setPasswordPage({ token, user: await readPasswordLink(deps.db, token) }));
  });
  router.post("/set-password", passwordLimit, form, async (req, res) => {
    assertSameOrigin(req);
    const f = setPasswordForm.parse(req.body ?? {});
    const user = await readPasswordLink(deps.db, f.token);
    const again = (error: string) =>
      res
        .status(400)
        .type("html")
        .send(setPasswordPage({ token: f.token, user, error }));
    if (user && f.password !== f.confirm) return again("The two passwords differ: type the same password twice.");
    try {
      const changed = await setPasswordWithLink(deps.db, { token: f.token, password: f.password });
      const session = await deps.sessions.signInWithPassword(changed.email, f.password);
      if (!session) return res.redirect(303, "/sign-in");
      signedIn(req, res, session.cookie, landingPage(session.principal));
    } catch (error) {
      if (!isAppError(error) || !user) throw error;
      again(error.message);
    }
  });
  router.post("/sign-out", (req, res) => {
    // A page on another port of this host is same-site, so SameSite=Strict still sends the cookie: check the origin.
    assertSameOrigin(req);
    res.setHeader("Set-Cookie", deps.sessions.clearCookieHeader({ secure: secure(req) }));
    res.redirect(303, "/sign-in");
  });
  return router;
}
