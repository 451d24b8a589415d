import express, { Router, type Request } from "express";
import { z } from "zod";
import { roleAllows } from "../auth/index.ts";
import type { Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { assertSameOrigin, parseQuery } from "../http/index.ts";
import {
  dismissUnmatched,
  linkUnmatched,
  listUnmatched,
  searchCustomers,
  type UnmatchedProcessors,
} from "../identity/index.ts";
import { UNMATCHED_VIEWS, unmatchedPage, type UnmatchedPageData } from "./pages/unmatched-page.ts";

const view = z.enum(UNMATCHED_VIEWS, { error: `one of ${UNMATCHED_VIEWS.join("|")}` }).default("open");
const id = z.coerce.number({ error: "an item id" }).int({ error: "an item id" }).positive({ error: "an item id" });

const pageQuery = z.object({
  view,
  item: id.optional(),
  find: z.string().max(200).optional(),
  before: id.optional(),
});

const actionForm = z.object({
  action: z.enum(["link", "dismiss"], { error: "one of link|dismiss" }),
  id,
  view,
  customerId: z.string().max(200).default(""),
  reason: z.string().max(500).default(""),
});

/** Refusals shown on the page as its message; anything else is an error page. */
const SHOWN: string[] = [ErrorCode.BadInput, ErrorCode.NotFound, ErrorCode.Conflict];

function requireCsm(req: Request): void {
  const role = req.principal!.role;
  if (!roleAllows(role, "csm"))
    throw new AppError(ErrorCode.Forbidden, `the Unmatched page needs the csm role; you have ${role}`);
}

/**
 * GET /unmatched (csm and admin): the unmatched queue, one view (open, linked, dismissed, all), and a customer
 * search for one item (?item=&find=). POST /unmatched (from this origin): link an item to a customer (processed
 * as if matched, through `processors`) or dismiss it with a reason; the page answers with what happened.
 */
export function unmatchedPageRoutes(deps: { db: Database; processors: () => UnmatchedProcessors }): Router {
  const router = Router();
  const render = async (req: Request, extra: Partial<UnmatchedPageData> & { view: UnmatchedPageData["view"] }) => {
    const page = await listUnmatched(deps.db, { status: extra.view, before: extra.before, limit: 50 });
    return unmatchedPage({ principal: req.principal!, ...page, ...extra });
  };
  router.get("/unmatched", async (req, res) => {
    requireCsm(req);
    const q = parseQuery(pageQuery, req.query);
    const search =
      q.item && q.find?.trim()
        ? { item: q.item, text: q.find.trim(), found: await searchCustomers(deps.db, q.find) }
        : undefined;
    res.type("html").send(await render(req, { view: q.view, before: q.before, search }));
  });
  router.post("/unmatched", express.urlencoded({ extended: false, limit: "10kb" }), async (req, res) => {
    assertSameOrigin(req);
    requireCsm(req);
    const parsed = actionForm.safeParse(req.body ?? {});
    const shownView = parsed.success ? parsed.data.view : "open";
    let notice: UnmatchedPageData["notice"];
    try {
      if (!parsed.success) throw new AppError(ErrorCode.BadInput, `form: ${parsed.error.issues[0].message}`);
      notice = { tone: "done", text: await act(deps, req, parsed.data) };
    } catch (error) {
      if (!(error instanceof AppError) || !SHOWN.includes(error.code)) throw error;
      notice = { tone: "error", text: error.message };
    }
    res
      .status(notice.tone === "error" ? 400 : 200)
      .type("html")
      .send(await render(req, { view: shownView, notice }));
  });
  return router;
}

async function act(
  deps: { db: Database; processors: () => UnmatchedProcessors },
  req: Request,
  f: z.infer<typeof actionForm>,
): Promise<string> {
  const actor = req.principal!.actor;
  if (f.action === "dismiss") {
    const done = await dismissUnmatched(deps.db, { id: f.id, reason: f.reason, actor });
    return `Dismissed item ${done.id}: ${done.reason}.`;
  }
  if (!f.customerId.trim()) throw new AppError(ErrorCode.BadInput, "form: expected the id of a customer, found none");
  const r = await linkUnmatched(deps.db, { id: f.id, customerId: f.customerId, actor, processors: deps.processors() });
  const taught = r.taught
    ? ` Retain now knows ${r.taught} as ${r.customer.name ?? r.customer.externalId}${r.movedFrom ? ` (it was ${r.movedFrom}'s)` : ""}.`
    : "";
  const others = r.alsoLinked.length
    ? ` ${r.alsoLinked.length} more ${r.alsoLinked.length === 1 ? "item" : "items"} from it linked too.`
    : "";
  return `Linked item ${r.id} to ${r.customer.name ?? r.customer.externalId}: ${r.outcome}.${taught}${others}`;
}
