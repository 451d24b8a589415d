import { apiRoutes } from "../api/index.ts";
import { createSessions } from "../auth/index.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/index.ts";
import { createHttpApp, signInLimiter, type HttpApp } from "../http/index.ts";
import type { Outreach } from "../outreach/index.ts";
import { webRoutes, type KpiCache } from "../web/index.ts";

export interface AppDeps {
  db: Database;
  /** The dialect (for /health) and the currency of amounts on the pages and in the CSV export (default USD). */
  config: Pick<Config, "dialect"> &
    Partial<Pick<Config, "currency" | "timezone" | "stripeSecret" | "segmentWriteKey" | "modelHealth">>;
  /** Requests per minute per client, for the API and for the pages (default 600 each). */
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

/**
 * The HTTP app: the two doors, the API (api/) and the dashboard pages (web/), side by side over
 * one set of sessions and one sign-in limit; neither door imports the other. No listen(), so
 * tests run it in-process.
 */
export function createApp(deps: AppDeps): HttpApp {
  const sessions = createSessions({ db: deps.db, secret: deps.sessionSecret });
  const signInLimit = signInLimiter(); // one store for both sign-in doors (API and form)
  return createHttpApp({
    health: { dialect: deps.config.dialect },
    routers: [
      apiRoutes({
        ...deps,
        sessions,
        signInLimit,
        currency: deps.config.currency,
        stripeSecret: deps.config.stripeSecret,
        segmentWriteKey: deps.config.segmentWriteKey,
        modelHealth: deps.config.modelHealth,
      }),
      webRoutes({
        db: deps.db,
        sessions,
        kpis: deps.kpiCache,
        rateLimitPerMinute: deps.rateLimitPerMinute,
        warmKpis: deps.warmKpis,
        signInLimit,
        currency: deps.config.currency,
        driftPsi: deps.config.modelHealth?.driftPsi,
        outreach: deps.outreach,
        timeZone: deps.config.timezone,
      }),
    ],
  });
}
