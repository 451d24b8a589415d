import { Router } from "express";
import type { Database } from "../../db/index.ts";
import {
  atRiskCsvQuerySchema,
  atRiskQuerySchema,
  atRiskSummaryQuerySchema,
  parseQuery,
  requireRole,
} from "../../http/index.ts";
import { exportAtRiskCsv, listAtRisk, summarizeAtRisk } from "../../scoring/index.ts";

/**
 * GET /api/v1/at-risk: the latest complete run's at-risk list, filtered, sorted and paginated
 * (limit + offset, or cursor), with the total. GET /api/v1/at-risk.csv: the whole filtered
 * list as CSV. GET /api/v1/at-risk/summary: the summary strip's figures. Any role.
 */
export function atRiskRoutes(deps: { db: Database; currency?: string }): Router {
  const router = Router();
  router.get("/at-risk", requireRole("viewer"), async (req, res) => {
    res.json(await listAtRisk(deps.db, parseQuery(atRiskQuerySchema, req.query)));
  });
  router.get("/at-risk/summary", requireRole("viewer"), async (req, res) => {
    res.json(await summarizeAtRisk(deps.db, parseQuery(atRiskSummaryQuerySchema, req.query)));
  });
  router.get("/at-risk.csv", requireRole("viewer"), async (req, res) => {
    const csv = await exportAtRiskCsv(deps.db, parseQuery(atRiskCsvQuerySchema, req.query), {
      currency: deps.currency,
    });
    const day = new Date().toISOString().slice(0, 10);
    res.type("text/csv; charset=utf-8").attachment(`at-risk-${day}.csv`).send(csv);
  });
  return router;
}
