import express, { type Express } from "express";
import helmet from "helmet";
import { rateLimit } from "express-rate-limit";
import type { Config } from "../config.ts";
import type { Database } from "../db/index.ts";
import { ErrorCode } from "../errors.ts";
import { errorBody, errorHandler, notFoundHandler } from "./http-errors.ts";
import { authenticateRequest } from "./authenticate-request.ts";
import { refuseDeepJson } from "./refuse-deep-json.ts";
import { serveOpenApi } from "./openapi.ts";
import { signInLimiter } from "./sign-in-limiter.ts";
import { atRiskRoutes } from "./routes/at-risk.ts";
import { customerRoutes } from "./routes/customers.ts";
import { modelRoutes } from "./routes/models.ts";
import { publicSessionRoutes, sessionRoutes } from "./routes/session.ts";
import { createSessions, webRoutes, type KpiCache } from "../web/index.ts";
import { ingestRoutes } from "./routes/ingest.ts";
import { kpiRoutes } from "./routes/kpi.ts";
import type { Outreach } from "../outreach/index.ts";
import { outreachRoutes } from "./routes/outreach.ts";
import { unsubscribeRoutes } from "./routes/unsubscribe.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

export interface AppDeps {
  db: Database;
  config: Pick<Config, "dialect">;
  /** Requests per minute per client for the API (default 600). */
  rateLimitPerMinute?: number;
  /** Body size limit for JSON (default 20 MB: 10,000 records of a few hundred bytes). */
  jsonLimit?: string;
  onTicketsChanged?: (ticketIds: number[]) => Promise<void>;
  /** Outreach: enables the ticket-closed webhook and the unsubscribe links (no API key; raw body for the HMAC). */
  outreach?: Outreach;
  /** Signs dashboard session cookies (see resolveSessionSecret); default random per process, so sessions end on restart. */
  sessionSecret?: string;
  /** The dashboard's KPI report cache (default: one per app). */
  kpiCache?: KpiCache;
  /** Compute the KPI page's default report in the background at start (for `retain serve`; default false). */
  warmKpis?: boolean;
}

/** The Express app (API and dashboard pages); no listen(), so tests run it in-process. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use(helmet());
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true, dialect: deps.config.dialect });
  });
  if (deps.outreach) {
    app.use(webhookRoutes({ outreach: deps.outreach }));
    app.use(unsubscribeRoutes({ outreach: deps.outreach }));
  }
  const sessions = createSessions({ db: deps.db, secret: deps.sessionSecret });
  const signInLimit = signInLimiter(); // one store for both sign-in doors (API and form)
  app.get("/api/v1/openapi.json", serveOpenApi);
  const api = express.Router();
  api.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute ?? 600,
      standardHeaders: "draft-7",
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json(errorBody(ErrorCode.RateLimited, "too many requests: slow down and retry after the Retry-After header's seconds"));
      },
    }),
  );
  api.use(express.json({ limit: deps.jsonLimit ?? "20mb", strict: false }), refuseDeepJson);
  api.use(publicSessionRoutes({ sessions, signInLimit }));
  api.use(authenticateRequest({ db: deps.db, sessions }));
  api.use(ingestRoutes(deps));
  api.use(kpiRoutes(deps));
  api.use(outreachRoutes(deps));
  api.use(atRiskRoutes(deps));
  api.use(customerRoutes(deps));
  api.use(modelRoutes(deps));
  api.use(sessionRoutes(deps));
  app.use("/api/v1", api);
  app.use(webRoutes({ db: deps.db, sessions, kpis: deps.kpiCache, rateLimitPerMinute: deps.rateLimitPerMinute, warmKpis: deps.warmKpis, signInLimit }));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
