import { Router } from "express";
import type { Database } from "../../db/index.ts";
import {
  atRiskCsvQuerySchema,
  atRiskQuerySchema,
  atRiskSummaryQuerySchema,
  parseQuery,
  requireRole,
  resolveOwnerMe,
} from "../../http/index.ts";
import { exportAtRiskCsv, listAtRisk, summarizeAtRisk } from "../../scoring/index.ts";

/**
 * GET /api/v1/at-risk: the latest complete run's at-risk list, filtered, sorted and paginated
 * (limit + offset, or cursor), with the total. GET /api/v1/at-risk.csv: the whole filtered
 * list as CSV. GET /api/v1/at-risk/summary: the summary strip's figures. Any role; `owner=me`
 * is the signed-in user's accounts.
 */
export function atRiskRoutes(deps: { db: Database; currency?: string }): Router {
  const router = Router();
  router.get("/at-risk", requireRole("viewer"), async (req, res) => {
    res.json(await listAtRisk(deps.db, resolveOwnerMe(parseQuery(atRiskQuerySchema, req.query), req.principal)));
  });
  router.get("/at-risk/summary", requireRole("viewer"), async (req, res) => {
    res.json(
      await summarizeAtRisk(deps.db, resolveOwnerMe(parseQuery(atRiskSummaryQuerySchema, req.query), req.principal)),
    );
  });
  router.get("/at-risk.csv", requireRole("viewer"), async (req, res) => {
    const csv = await exportAtRiskCsv(
      deps.db,
      resolveOwnerMe(parseQuery(atRiskCsvQuerySchema, req.query), req.principal),
      {
        currency: deps.currency,
      },
    );
    const day = new Date().toISOString().slice(0, 10);
    res.type("text/csv; charset=utf-8").attachment(`at-risk-${day}.csv`).send(csv);
  });
  return router;
}
