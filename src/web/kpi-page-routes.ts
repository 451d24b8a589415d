import { Router } from "express";
import { listOwners } from "../auth/index.ts";
import { parseDay } from "../dates/index.ts";
import type { Database } from "../db/index.ts";
import { parseQuery } from "../http/index.ts";
import type { KpiCache } from "./kpi-cache.ts";
import { kpiPageQuerySchema } from "./page-schemas.ts";
import { defaultKpiPeriod, kpiPage } from "./pages/kpi-page.ts";

/**
 * GET /kpis: the KPI page from the report cache (the caller is signed in). Without a period, the
 * last six months, run on to the latest risk run (its cohort is the CRR's denominator). A report
 * being refreshed is shown with the reason and the time of its figures.
 */
export function kpiPageRoutes(deps: { db: Database; kpis: KpiCache; clock?: () => number; currency?: string }): Router {
  const { db, kpis, clock = () => Date.now(), currency } = deps;
  const router = Router();
  router.get("/kpis", async (req, res) => {
    const q = parseQuery(kpiPageQuerySchema, req.query);
    const reference = q.now ? parseDay("now", q.now) : clock();
    const input = {
      period: q.period,
      defaultPeriod: defaultKpiPeriod(reference),
      windowDays: q.windowDays,
      now: q.now,
    };
    const [{ report, computedAt, refreshing }, people] = await Promise.all([
      kpis.get({ ...input, by: "month" }),
      listOwners(db),
    ]);
    res
      .type("html")
      .send(kpiPage({ principal: req.principal!, report, computedAt, refreshing, input, currency, people }));
  });
  return router;
}
