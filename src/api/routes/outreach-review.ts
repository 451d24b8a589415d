import { Router } from "express";
import { AppError, ErrorCode } from "../../errors.ts";
import { parseBody, parseInput, requireRole } from "../../http/index.ts";
import { SEND_NOW_OUTCOMES, type Outreach, type ReviewItem } from "../../outreach/index.ts";
import { reviewParamsSchema, reviewSendBodySchema, reviewSkipBodySchema } from "../schemas/review-schemas.ts";

/** A held follow-up as the API shows it: who, when, and the email as it would go now. */
function reviewItemJson(item: ReviewItem) {
  return {
    id: item.outboxId,
    customerId: item.customerId,
    customerName: item.customerName,
    mrr: item.mrr,
    ownerEmail: item.ownerEmail,
    ticketId: item.ticketExternalId,
    plannedAt: item.plannedAt,
    reviewUntil: item.reviewUntil,
    edited: item.editedSubject !== null || item.editedText !== null,
    mail: item.mail && {
      from: item.mail.from,
      to: item.mail.to,
      subject: item.mail.subject,
      text: item.mail.text,
    },
  };
}

/**
 * The review queue of follow-ups held above the MRR threshold (csm or admin), as on the To review page:
 * GET /api/v1/outreach/review (the signed-in user's accounts first), POST /api/v1/outreach/review/:id/send
 * {subject?, text?} (every rule re-checked), POST /api/v1/outreach/review/:id/skip {reason}.
 * 404 outreach not running, 409 no longer held.
 */
export function outreachReviewRoutes(deps: { outreach?: Outreach }): Router {
  const router = Router();
  const outreach = () => {
    if (!deps.outreach) throw new AppError(ErrorCode.NotFound, "outreach is not running on this server");
    return deps.outreach;
  };
  router.get("/outreach/review", requireRole("csm"), async (req, res) => {
    const items = await outreach().reviewQueue(req.principal!.email);
    res.json({ items: items.map(reviewItemJson) });
  });
  router.post("/outreach/review/:id/send", requireRole("csm"), async (req, res) => {
    const { id } = parseInput(reviewParamsSchema, req.params, "path parameter");
    const edits = parseBody(reviewSendBodySchema, req.body ?? {}); // no body: send as rendered
    const outcome = await outreach().sendReviewed({ outboxId: id, reviewer: req.principal!.name, ...edits });
    res.json({ id, outcome, words: SEND_NOW_OUTCOMES[outcome] });
  });
  router.post("/outreach/review/:id/skip", requireRole("csm"), async (req, res) => {
    const { id } = parseInput(reviewParamsSchema, req.params, "path parameter");
    const { reason } = parseBody(reviewSkipBodySchema, req.body);
    await outreach().skipReviewed({ outboxId: id, reviewer: req.principal!.name, reason });
    res.json({ id, skipped: true, reason });
  });
  return router;
}
