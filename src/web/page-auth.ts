import express, { Router, type Request, type RequestHandler } from "express";
import { z } from "zod";
import type { Sessions } from "../auth/index.ts";
import type { Database } from "../db/index.ts";
import { assertSameOrigin, pagePrincipal, signInLimiter } from "../http/index.ts";
import { signInPage } from "./pages/sign-in-page.ts";

/** Where to go after signing in: a path on this site only (never `//host` or a full URL), default the at-risk list. */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith("/sign-") ? next : "/at-risk";
}

const signInForm = z.object({ key: z.string().max(200).default(""), next: z.string().max(2000).optional() });

/**
 * GET/POST /sign-in (an API key → session cookie, then back to `next`) and POST /sign-out; the
 * posts must come from this origin. `signInLimit` is the limiter shared with the API's sign-in
 * (default: one of its own); over it, the form gets an HTML page (via the pages' error handler).
 */
export function signInRoutes(deps: { db: Database; sessions: Sessions; signInLimit?: RequestHandler }): Router {
  const router = Router();
  const secure = (req: Request) => req.secure;
  router.get("/sign-in", async (req, res) => {
    const next = safeNext(req.query.next);
    if (await pagePrincipal(req, deps)) return res.redirect(303, next);
    res.type("html").send(signInPage({ next }));
  });
  router.post(
    "/sign-in",
    deps.signInLimit ?? signInLimiter(),
    express.urlencoded({ extended: false, limit: "10kb" }),
    async (req, res) => {
      assertSameOrigin(req);
      const form = signInForm.safeParse(req.body ?? {});
      const next = safeNext(form.success ? form.data.next : undefined);
      const session = form.success && form.data.key.trim() ? await deps.sessions.signIn(form.data.key) : null;
      if (!session) {
        res
          .status(401)
          .type("html")
          .send(signInPage({ next, error: "That key is unknown or revoked: expected an API key like rk_1a2b3c4d_…" }));
        return;
      }
      res.setHeader("Set-Cookie", deps.sessions.setCookieHeader(session.cookie, { secure: secure(req) }));
      res.redirect(303, next);
    },
  );
  router.post("/sign-out", (req, res) => {
    // A page on another port of this host is same-site, so SameSite=Strict still sends the cookie: check the origin.
    assertSameOrigin(req);
    res.setHeader("Set-Cookie", deps.sessions.clearCookieHeader({ secure: secure(req) }));
    res.redirect(303, "/sign-in");
  });
  return router;
}
