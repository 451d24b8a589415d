import { Router, type Request } from "express";
import {
  addUser,
  changeUser,
  listUsers,
  newPasswordLink,
  passwordLinkPath,
  type PasswordLink,
} from "../../auth/index.ts";
import type { Database } from "../../db/index.ts";
import { parseBody, parseInput, requireRole } from "../../http/index.ts";
import { changeUserBodySchema, createUserBodySchema, userParamsSchema } from "../schemas/request-schemas.ts";

/** A link on the origin the admin is using (the same-origin check has vouched for it on posts). */
function linkJson(req: Request, link: PasswordLink) {
  return { url: `${req.protocol}://${req.get("host")}${passwordLinkPath(link.token)}`, expiresAt: link.expiresAt };
}

/**
 * Admin only: GET/POST /api/v1/users (a new user gets a one-time set-password link, shown once),
 * PATCH /api/v1/users/:id (name, role, revoke or restore), POST /api/v1/users/:id/password-link.
 */
export function userRoutes(deps: { db: Database }): Router {
  const router = Router();
  router.use("/users", requireRole("admin"));
  router.get("/users", async (_req, res) => {
    res.json({ items: await listUsers(deps.db) });
  });
  router.post("/users", async (req, res) => {
    const { user, link } = await addUser(deps.db, parseBody(createUserBodySchema, req.body));
    res.status(201).json({ user, passwordLink: linkJson(req, link) });
  });
  router.patch("/users/:id", async (req, res) => {
    const { id } = parseInput(userParamsSchema, req.params, "path parameter");
    res.json(await changeUser(deps.db, id, parseBody(changeUserBodySchema, req.body)));
  });
  router.post("/users/:id/password-link", async (req, res) => {
    const { id } = parseInput(userParamsSchema, req.params, "path parameter");
    const { link } = await newPasswordLink(deps.db, id);
    res.status(201).json(linkJson(req, link));
  });
  return router;
}
