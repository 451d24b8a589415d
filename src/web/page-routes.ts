import { Router } from "express";
import { listOwners } from "../auth/index.ts";
import { getCustomerDetail, parseTimelineKinds } from "../customers/index.ts";
import type { Database } from "../db/index.ts";
import { atRiskQuerySchema, customerParamsSchema, parseInput, parseQuery, resolveOwnerMe } from "../http/index.ts";
import { getModel, listModels } from "../model/index.ts";
import { DEFAULT_DRIFT_PSI, loadModelHealth } from "../monitoring/index.ts";
import { buildOutreachReport, DecisionStatus, listOutreachLog, listUnmatchedTickets } from "../outreach/index.ts";
import { listAtRisk, listAtRiskChoices, summarizeAtRisk } from "../scoring/index.ts";
import { atRiskBulkRoutes } from "./at-risk-bulk-routes.ts";
import { takeFlash } from "./flash.ts";
import { landingPage } from "./page-auth.ts";
import { modelPageQuerySchema, outreachPageQuerySchema } from "./page-schemas.ts";
import { atRiskPage } from "./pages/at-risk-page.ts";
import { customerPage } from "./pages/customer-page.ts";
import { modelPage } from "./pages/model-page.ts";
import { listOpenHealthAlerts } from "../alerts/index.ts";
import { outreachPage } from "./pages/outreach-page.ts";

/**
 * The dashboard pages, rendered on the server from the same functions as the API (the caller is already signed
 * in); amounts in `currency` (default USD); features drift above `driftPsi` (default 0.2).
 */
export function pageRoutes(deps: {
  db: Database;
  clock?: () => number;
  currency?: string;
  driftPsi?: number;
  /** RETAIN_TIMEZONE: the outreach log's dates (default UTC). */
  timeZone?: string;
}): Router {
  const { db, clock = () => Date.now(), currency, driftPsi = DEFAULT_DRIFT_PSI, timeZone = "UTC" } = deps;
  const router = Router();
  router.get("/", (req, res) => res.redirect(303, landingPage(req.principal!)));

  router.get("/at-risk", async (req, res) => {
    const asked = parseQuery(atRiskQuerySchema, req.query);
    const query = resolveOwnerMe(asked, req.principal);
    const now = new Date(clock());
    const [list, summary, choices, people] = await Promise.all([
      listAtRisk(db, query, now),
      summarizeAtRisk(db, query, now),
      listAtRiskChoices(db, query.scope, now),
      listOwners(db),
    ]);
    const flash = takeFlash(req, res);
    res.type("html").send(
      atRiskPage({
        principal: req.principal!,
        query,
        linkQuery: asked,
        list,
        summary,
        choices,
        people,
        currency,
        flash,
        now,
      }),
    );
  });
  router.use(atRiskBulkRoutes({ db, clock }));

  router.get("/customers/:id", async (req, res) => {
    const { id } = parseInput(customerParamsSchema, req.params, "path parameter");
    const kinds = parseTimelineKinds(req.query.kinds);
    const detail = await getCustomerDetail(db, { customerId: id, now: new Date(clock()), kinds });
    res.type("html").send(customerPage(detail, req.principal!, currency));
  });

  router.get("/models", async (req, res) => {
    const q = parseQuery(modelPageQuerySchema, req.query);
    const { active, versions, events, sameRows } = await listModels(db);
    const version = q.version ?? active ?? versions[0]?.version;
    const selected = version ? await getModel(db, version) : null;
    const health = await loadModelHealth({ db, psiThreshold: driftPsi });
    const alerts = await listOpenHealthAlerts(db);
    res.type("html").send(
      modelPage({
        principal: req.principal!,
        active,
        versions,
        events,
        sameRows,
        alerts,
        selected,
        health,
        currency,
      }),
    );
  });

  router.get("/outreach", async (req, res) => {
    const q = parseQuery(outreachPageQuerySchema, req.query);
    const [report, log, unmatched] = await Promise.all([
      buildOutreachReport(db),
      listOutreachLog(
        db,
        {
          status: q.status,
          reason: q.reason,
          play: q.play,
          before: q.before?.toString(),
          limit: "50",
        },
        { timeZone },
      ),
      listUnmatchedTickets(db, { limit: 20 }),
    ]);
    res.type("html").send(
      outreachPage({
        principal: req.principal!,
        report,
        log,
        filters: q,
        unmatched,
        statuses: Object.values(DecisionStatus),
        timeZone,
      }),
    );
  });
  return router;
}
