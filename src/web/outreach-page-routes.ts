import express, { Router, type Request } from "express";
import type { Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { listOwners } from "../auth/index.ts";
import { assertSameOrigin, requireRole } from "../http/index.ts";
import { findPreviewCustomers, getSentEmail, SEND_NOW_OUTCOMES, type Outreach } from "../outreach/index.ts";
import { money } from "./format.ts";
import { outreachPreviewPage } from "./pages/outreach-preview-page.ts";
import { outreachReviewPage, type ReviewPageData } from "./pages/outreach-review-page.ts";
import { sentEmailPage } from "./pages/sent-email-page.ts";

const form = express.urlencoded({ extended: false, limit: "100kb" });
const SHOWN: string[] = [ErrorCode.BadInput, ErrorCode.NotFound, ErrorCode.Conflict];

/**
 * The outreach pages beside /outreach: "To review" (csm+; send now, edited, or skip with a reason), the email as
 * sent (from the stored copy) and the preview of any play with any customer. Dates in `timeZone`.
 */
export function outreachPageRoutes(deps: {
  db: Database;
  outreach?: Outreach;
  timeZone: string;
  currency?: string;
}): Router {
  const { db, timeZone } = deps;
  const router = Router();
  const outreach = () => {
    if (!deps.outreach) throw new AppError(ErrorCode.NotFound, "outreach is not running on this server");
    return deps.outreach;
  };
  const review = async (req: Request, notice?: ReviewPageData["notice"]) =>
    outreachReviewPage({
      principal: req.principal!,
      items: await outreach().reviewQueue(req.principal!.email),
      people: await listOwners(db),
      reviewOn:
        outreach().settings.reviewMrrAbove !== null ||
        outreach()
          .plays()
          .some((p) => p.review?.mrrAbove !== undefined),
      timeZone,
      money: (amount) => money(amount, deps.currency),
      notice,
    });

  router.get("/outreach/review", requireRole("csm"), async (req, res) => {
    res.type("html").send(await review(req));
  });
  router.post("/outreach/review", requireRole("csm"), form, async (req, res) => {
    assertSameOrigin(req);
    const f = (req.body ?? {}) as Record<string, string | undefined>;
    const outboxId = Number(f.id);
    const reviewer = req.principal!.name;
    let notice: ReviewPageData["notice"];
    let status = 200;
    try {
      if (!Number.isInteger(outboxId) || outboxId <= 0)
        throw new AppError(ErrorCode.BadInput, `id: expected the id of a held email, found "${f.id ?? ""}"`);
      if (f.action === "skip") {
        await outreach().skipReviewed({ outboxId, reviewer, reason: f.reason ?? "" });
        notice = { tone: "done", text: `Skipped: ${f.reason?.trim()}` };
      } else if (f.action === "send") {
        const outcome = await outreach().sendReviewed({ outboxId, reviewer, subject: f.subject, text: f.text });
        notice = { tone: outcome === "sent" ? "done" : "error", text: SEND_NOW_OUTCOMES[outcome] };
      } else throw new AppError(ErrorCode.BadInput, `action: expected send or skip, found "${f.action ?? ""}"`);
    } catch (error) {
      if (!(error instanceof AppError) || !SHOWN.includes(error.code)) throw error;
      notice = { tone: "error", text: error.message };
      status = error.code === ErrorCode.Conflict ? 409 : error.code === ErrorCode.NotFound ? 404 : 400;
    }
    res
      .status(status)
      .type("html")
      .send(await review(req, notice));
  });

  router.get("/outreach/emails/:id", async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0)
      throw new AppError(ErrorCode.BadInput, `expected a follow-up id, found "${req.params.id}"`);
    res.type("html").send(sentEmailPage({ principal: req.principal!, email: await getSentEmail(db, id), timeZone }));
  });

  router.get("/outreach/preview", async (req, res) => {
    const o = outreach();
    const plays = o.plays().map((p) => p.name);
    const play = typeof req.query.play === "string" && req.query.play ? req.query.play : plays[0];
    const text = typeof req.query.customer === "string" ? req.query.customer.trim().slice(0, 200) : "";
    const base = { principal: req.principal!, plays, query: { play, customer: text } };
    const matches = text ? await findPreviewCustomers(db, text) : [];
    if (text && matches.length !== 1) {
      const error = matches.length ? undefined : `No customer has the id "${text}" or a name containing it.`;
      return res.type("html").send(outreachPreviewPage({ ...base, matches, preview: null, error }));
    }
    try {
      const preview = await o.preview({ play, customer: matches[0]?.externalId });
      res.type("html").send(outreachPreviewPage({ ...base, matches: [], preview }));
    } catch (error) {
      if (!(error instanceof AppError) || !SHOWN.includes(error.code)) throw error;
      res.type("html").send(outreachPreviewPage({ ...base, matches: [], preview: null, error: error.message }));
    }
  });
  return router;
}
