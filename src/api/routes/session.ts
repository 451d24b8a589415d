import { Router, type Request, type RequestHandler } from "express";
import { createApiKey, listApiKeys, revokeApiKey, type Sessions } from "../../auth/index.ts";
import type { Database } from "../../db/index.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { assertSameOrigin, parseBody, parseInput, requireRole, signInLimiter } from "../../http/index.ts";
import { createKeyBodySchema, keyParamsSchema, signInBodySchema } from "../schemas/request-schemas.ts";

const secure = (req: Request) => req.secure;

const fieldsOf = (body: object) => {
  const given = Object.entries(body).filter(([, v]) => v !== undefined);
  return given.length ? `{${given.map(([k]) => k).join(", ")}}` : "no fields";
};

/** Email and password (a user), or a key; exactly one of the two. */
async function signIn(sessions: Sessions, body: { email?: string; password?: string; key?: string }) {
  if (body.key !== undefined && body.email === undefined && body.password === undefined) {
    const session = await sessions.signInWithKey(body.key);
    if (!session) throw new AppError(ErrorCode.Unauthorized, "unknown or revoked API key");
    return session;
  }
  if (body.key !== undefined || body.email === undefined || body.password === undefined)
    throw new AppError(ErrorCode.BadInput, `body: expected {email, password} or {key}, found ${fieldsOf(body)}`);
  const session = await sessions.signInWithPassword(body.email, body.password);
  if (!session) throw new AppError(ErrorCode.Unauthorized, "wrong email or password, or the user is revoked");
  return session;
}

/**
 * Before authentication: POST /api/v1/session {email, password} or {key} signs in (sets the session cookie the
 * pages and the API accept); DELETE /api/v1/session signs out (clears it). Both must come from
 * this origin. `signInLimit` is the limiter shared with the sign-in form (default: one of its own).
 */
export function publicSessionRoutes(deps: { sessions: Sessions; signInLimit?: RequestHandler }): Router {
  const router = Router();
  router.post("/session", deps.signInLimit ?? signInLimiter(), async (req, res) => {
    assertSameOrigin(req);
    const body = parseBody(signInBodySchema, req.body);
    const session = await signIn(deps.sessions, body);
    res.setHeader("Set-Cookie", deps.sessions.setCookieHeader(session.cookie, { secure: secure(req) }));
    res.json({ ...session.principal, expiresInSeconds: deps.sessions.ttlSeconds });
  });
  router.delete("/session", (req, res) => {
    assertSameOrigin(req);
    res.setHeader("Set-Cookie", deps.sessions.clearCookieHeader({ secure: secure(req) }));
    res.status(204).end();
  });
  return router;
}

/** GET /api/v1/session: who the caller is. Admin only: GET/POST /api/v1/keys, DELETE /api/v1/keys/:prefix. */
export function sessionRoutes(deps: { db: Database }): Router {
  const router = Router();
  router.get("/session", requireRole("viewer"), (req, res) => {
    res.json({ ...req.principal, via: req.authVia });
  });
  router.get("/keys", requireRole("admin"), async (_req, res) => {
    res.json({ items: await listApiKeys(deps.db) });
  });
  router.post("/keys", requireRole("admin"), async (req, res) => {
    const body = parseBody(createKeyBodySchema, req.body);
    res.status(201).json(await createApiKey(deps.db, { role: body.role, name: body.name }));
  });
  router.delete("/keys/:prefix", requireRole("admin"), async (req, res) => {
    const { prefix } = parseInput(keyParamsSchema, req.params, "path parameter");
    if (!(await revokeApiKey(deps.db, prefix)))
      throw new AppError(ErrorCode.NotFound, `no active API key with prefix "${prefix}"`);
    res.json({ revoked: prefix });
  });
  return router;
}
