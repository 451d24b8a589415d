import { Router } from "express";
import type { Database } from "../../db/index.ts";
import { parseBody, parseInput, parseQuery, requireRole } from "../../http/index.ts";
import { dismissUnmatched, linkUnmatched, listUnmatched } from "../../identity/index.ts";
import type { Outreach } from "../../outreach/index.ts";
import {
  unmatchedDismissBodySchema,
  unmatchedLinkBodySchema,
  unmatchedParamsSchema,
  unmatchedQuerySchema,
} from "../schemas/unmatched-schemas.ts";

/**
 * The unmatched queue (csm or admin): GET /api/v1/unmatched?status=&kind=&before=&limit=,
 * POST /api/v1/unmatched/:id/link {customerId} (processed as if it had matched; the email is learned),
 * POST /api/v1/unmatched/:id/dismiss {reason}. 404 unknown item or customer, 409 no longer open.
 */
export function unmatchedRoutes(deps: { db: Database; outreach?: Outreach }): Router {
  const router = Router();
  router.get("/unmatched", requireRole("csm"), async (req, res) => {
    const q = parseQuery(unmatchedQuerySchema, req.query);
    res.json(await listUnmatched(deps.db, q));
  });
  router.post("/unmatched/:id/link", requireRole("csm"), async (req, res) => {
    const { id } = parseInput(unmatchedParamsSchema, req.params, "path parameter");
    const { customerId } = parseBody(unmatchedLinkBodySchema, req.body);
    const processors = deps.outreach?.unmatchedProcessors ?? {};
    res.json(await linkUnmatched(deps.db, { id, customerId, actor: req.principal!.actor, processors }));
  });
  router.post("/unmatched/:id/dismiss", requireRole("csm"), async (req, res) => {
    const { id } = parseInput(unmatchedParamsSchema, req.params, "path parameter");
    const { reason } = parseBody(unmatchedDismissBodySchema, req.body);
    res.json(await dismissUnmatched(deps.db, { id, reason, actor: req.principal!.actor }));
  });
  return router;
}
