import express, { Router, type Request } from "express";
import { z } from "zod";
import {
  addUser,
  changeUser,
  listPeople,
  newPasswordLink,
  passwordLinkPath,
  type PasswordLink,
} from "../auth/index.ts";
import type { Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { assertSameOrigin, requireRole } from "../http/index.ts";
import { usersPage, type UsersPageNotice } from "./pages/users-page.ts";

const userForm = z.object({
  action: z.enum(["add", "role", "link", "revoke", "restore"], { error: "one of add|role|link|revoke|restore" }),
  id: z.coerce.number().int().positive().optional(),
  email: z.string().max(320).default(""),
  name: z.string().max(200).default(""),
  role: z.string().max(20).default(""),
});

/** Refusals shown on the page as its message; anything else is an error page. */
const SHOWN: string[] = [ErrorCode.BadInput, ErrorCode.NotFound, ErrorCode.Conflict];

/**
 * GET /users and POST /users (admins, from this origin): add a user, change a role, revoke, restore, or
 * make a new set-password link. The page is answered directly, so a new link is shown once and never
 * travels in a cookie or a URL the admin did not open.
 */
export function userAdminRoutes(deps: { db: Database }): Router {
  const router = Router();
  router.use("/users", requireRole("admin"));
  router.get("/users", async (req, res) => {
    res.type("html").send(usersPage({ principal: req.principal!, ...(await listPeople(deps.db)) }));
  });
  router.post("/users", express.urlencoded({ extended: false, limit: "10kb" }), async (req, res) => {
    assertSameOrigin(req);
    let notice: UsersPageNotice;
    try {
      notice = await act(deps.db, req);
    } catch (error) {
      if (!(error instanceof AppError) || !SHOWN.includes(error.code)) throw error;
      notice = { tone: "error", text: error.message };
    }
    const people = await listPeople(deps.db);
    res
      .status(notice.tone === "error" ? 400 : 200)
      .type("html")
      .send(usersPage({ principal: req.principal!, ...people, notice }));
  });
  return router;
}

const linkOf = (req: Request, email: string, link: PasswordLink) => ({
  email,
  url: `${req.protocol}://${req.get("host")}${passwordLinkPath(link.token)}`,
  expiresAt: link.expiresAt,
});

async function act(db: Database, req: Request): Promise<UsersPageNotice> {
  const parsed = userForm.safeParse(req.body ?? {});
  if (!parsed.success) throw new AppError(ErrorCode.BadInput, `form: ${parsed.error.issues[0].message}`);
  const f = parsed.data;
  if (f.action === "add") {
    const { user, link } = await addUser(db, f);
    return { tone: "done", text: `Added ${user.name} (${user.role}).`, link: linkOf(req, user.email, link) };
  }
  if (!f.id) throw new AppError(ErrorCode.BadInput, "form: expected the id of a user, found none");
  if (req.principal!.kind === "user" && req.principal!.id === f.id && f.action !== "link")
    throw new AppError(ErrorCode.Conflict, "you cannot change your own role or revoke yourself: ask another admin");
  if (f.action === "link") {
    const { user, link } = await newPasswordLink(db, f.id);
    return {
      tone: "done",
      text: `New link for ${user.name}; earlier links stop working.`,
      link: linkOf(req, user.email, link),
    };
  }
  const change = f.action === "role" ? { role: f.role } : { disabled: f.action === "revoke" };
  const user = await changeUser(db, f.id, change);
  const text =
    f.action === "role"
      ? `${user.name} is now ${user.role}; it applies to their open sessions at once.`
      : f.action === "revoke"
        ? `Revoked ${user.name}: their sessions have ended.`
        : `Restored ${user.name}.`;
  return { tone: "done", text };
}
