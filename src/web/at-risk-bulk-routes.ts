import express, { Router, type Request } from "express";
import { roleAllows } from "../auth/index.ts";
import { bulkAssignOwner, bulkSnoozeCustomers } from "../customers/index.ts";
import type { Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { assertSameOrigin } from "../http/index.ts";
import { readAtRiskUrl } from "./at-risk-url.ts";
import { setFlash } from "./flash.ts";
import { readBulkForm } from "./read-bulk-form.ts";

/** Refusals shown on the list as its message (the list stays as it was); anything else is an error page. */
const SHOWN: string[] = [ErrorCode.BadInput, ErrorCode.NotFound, ErrorCode.Conflict];

const customers = (n: number) => `${n} customer${n === 1 ? "" : "s"}`;

/**
 * POST /at-risk (the list's bulk form; csm or admin, from this origin): snoozes or assigns the ticked
 * customers in one transaction, then returns to the list's URL (`back`, filters kept) with a summary
 * ("Snoozed 2 customers until 2026-12-15") or why nothing changed.
 */
export function atRiskBulkRoutes(deps: { db: Database; clock: () => number }): Router {
  const router = Router();
  // 500 ids of up to 200 characters, and room to reach the action's own "more than 500" message
  const form = express.urlencoded({ extended: false, limit: "1mb", parameterLimit: 5000 });
  router.post("/at-risk", form, async (req, res) => {
    assertSameOrigin(req);
    requireCsm(req);
    const back = readAtRiskUrl(req.body?.back);
    try {
      setFlash(req, res, { tone: "done", text: await act(deps, req) });
    } catch (error) {
      if (!(error instanceof AppError) || !SHOWN.includes(error.code)) throw error;
      setFlash(req, res, { tone: "error", text: error.message });
    }
    res.redirect(303, back);
  });
  return router;
}

function requireCsm(req: Request): void {
  const role = req.principal!.role;
  if (!roleAllows(role, "csm"))
    throw new AppError(ErrorCode.Forbidden, `bulk actions need the csm role; you have ${role}`);
}

/** Runs the form's action; the summary to show. */
async function act(deps: { db: Database; clock: () => number }, req: Request): Promise<string> {
  const f = readBulkForm(req.body);
  const base = { customerIds: f.customerIds, actor: req.principal!.actor, now: new Date(deps.clock()) };
  if (f.action === "snooze") {
    const done = await bulkSnoozeCustomers(deps.db, { ...base, until: f.until, reason: f.reason });
    const day = done.until.toISOString().slice(0, 10);
    return `Snoozed ${customers(done.count)} until ${day}${done.reason ? ` (${done.reason})` : ""}.`;
  }
  const done = await bulkAssignOwner(deps.db, { ...base, owner: f.owner });
  return `Assigned ${customers(done.count)} to ${done.owner}.`;
}
