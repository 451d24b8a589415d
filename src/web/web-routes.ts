import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express, { Router, type ErrorRequestHandler, type RequestHandler } from "express";
import helmet from "helmet";
import { rateLimit } from "express-rate-limit";
import type { Sessions } from "../auth/index.ts";
import { isClosedWhileRunning, type Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { HTTP_STATUS, requirePage } from "../http/index.ts";
import { moduleLogger } from "../logger.ts";
import type { Outreach } from "../outreach/index.ts";
import { projectPath } from "../project-path.ts";
import { createKpiCache, type KpiCache } from "./kpi-cache.ts";
import { kpiPageRoutes } from "./kpi-page-routes.ts";
import { signInRoutes } from "./page-auth.ts";
import { outreachPageRoutes } from "./outreach-page-routes.ts";
import { pageRoutes } from "./page-routes.ts";
import { unmatchedPageRoutes } from "./unmatched-page-routes.ts";
import { userAdminRoutes } from "./user-admin-routes.ts";
import { errorPage } from "./pages/error-page.ts";
import { defaultKpiPeriod } from "./pages/kpi-page.ts";

const log = moduleLogger("web");
const ASSETS_DIR = projectPath("src", "web", "assets");
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.js");

/** Strict CSP for the pages: scripts and styles from this origin only (no inline code), no framing, forms post here. */
const contentSecurityPolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
});

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  next();
};

/** Errors on a page become a page (status and message), not JSON. */
const pageErrors: ErrorRequestHandler = (error, req, res, _next) => {
  const appError =
    error instanceof AppError
      ? error
      : new AppError(ErrorCode.Internal, "internal error: the details are in the server log");
  const status = HTTP_STATUS[appError.code];
  if (status >= 500) log.error({ err: error, path: req.path }, "page failed");
  res
    .status(status)
    .type("html")
    .send(errorPage({ status, message: appError.message, principal: req.principal ?? null }));
};

/**
 * The dashboard: sign-in, the pages (at-risk list, customer, KPIs, model, outreach, unmatched) and their
 * assets (Chart.js from node_modules, the page scripts and CSS from src/web/assets).
 * `kpis` replaces the KPI report cache (tests); `clock` the time the pages use; `signInLimit` is
 * the sign-in limiter shared with the API.
 */
export function webRoutes(deps: {
  db: Database;
  sessions: Sessions;
  kpis?: KpiCache;
  rateLimitPerMinute?: number;
  clock?: () => number;
  warmKpis?: boolean;
  signInLimit?: RequestHandler;
  currency?: string;
  /** PSI above which the model page flags a feature as drifted (RETAIN_DRIFT_PSI, default 0.2). */
  driftPsi?: number;
  /** Outreach: how linked tickets of the Unmatched page are processed (without it, tickets cannot be linked). */
  outreach?: Outreach;
  /** RETAIN_TIMEZONE: the time zone of the dates on the outreach pages (default UTC). */
  timeZone?: string;
}): Router {
  const router = Router();
  const kpis = deps.kpis ?? createKpiCache({ db: deps.db });
  if (deps.warmKpis) warmDefaultKpis(kpis, deps.clock ?? Date.now);
  router.use(contentSecurityPolicy);
  router.get("/assets/chart.umd.js", (_req, res) => res.sendFile(CHART_JS, { maxAge: "1h" }));
  router.use("/assets", express.static(ASSETS_DIR, { maxAge: "5m", index: false }));
  const pages = Router();
  pages.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute ?? 600,
      standardHeaders: "draft-7",
      legacyHeaders: false,
    }),
  );
  pages.use(noStore);
  pages.use(signInRoutes(deps));
  pages.use(requirePage(deps));
  pages.use(kpiPageRoutes({ db: deps.db, kpis, clock: deps.clock, currency: deps.currency }));
  pages.use(
    pageRoutes({
      db: deps.db,
      timeZone: deps.timeZone,
      clock: deps.clock,
      currency: deps.currency,
      driftPsi: deps.driftPsi,
    }),
  );
  pages.use(outreachPageRoutes({ ...deps, timeZone: deps.timeZone ?? "UTC" }));
  pages.use(userAdminRoutes({ db: deps.db }));
  pages.use(unmatchedPageRoutes({ db: deps.db, processors: () => deps.outreach?.unmatchedProcessors ?? {} }));
  pages.use(pageErrors);
  router.use((req, res, next) => (isPagePath(req.path) ? pages(req, res, next) : next()));
  return router;
}

/** Computes the KPI page's default report in the background, so the first visit does not wait for it. */
function warmDefaultKpis(kpis: KpiCache, clock: () => number): void {
  setImmediate(() => {
    kpis.get({ defaultPeriod: defaultKpiPeriod(clock()), by: "month" }).catch((error) => {
      if (!isClosedWhileRunning(error)) log.warn({ err: error }, "warming the KPI report failed"); // else: stopping
    });
  });
}

/** The paths the dashboard answers (everything else falls through to the API's 404). */
function isPagePath(path: string): boolean {
  return (
    path === "/" ||
    /^\/(sign-in|sign-out|set-password|at-risk|kpis|models|outreach|users|unmatched)\/?$/.test(path) ||
    /^\/customers\/[^/]+\/?$/.test(path) ||
    /^\/outreach\/(review|preview|emails\/[^/]+)\/?$/.test(path)
  );
}
