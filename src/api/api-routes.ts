import express, { Router, type RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import type { Sessions } from "../auth/index.ts";
import type { Database } from "../db/index.ts";
import { ErrorCode } from "../errors.ts";
import { authenticateRequest, errorBody } from "../http/index.ts";
import type { Outreach } from "../outreach/index.ts";
import { serveOpenApi } from "./openapi.ts";
import { refuseDeepJson } from "./refuse-deep-json.ts";
import { atRiskRoutes } from "./routes/at-risk.ts";
import { bulkActionRoutes } from "./routes/bulk-actions.ts";
import { customerRoutes } from "./routes/customers.ts";
import { ingestRoutes } from "./routes/ingest.ts";
import { kpiRoutes } from "./routes/kpi.ts";
import { modelRoutes } from "./routes/models.ts";
import { outreachRoutes } from "./routes/outreach.ts";
import { outreachReviewRoutes } from "./routes/outreach-review.ts";
import { publicSessionRoutes, sessionRoutes } from "./routes/session.ts";
import { stripeWebhookRoutes } from "./routes/stripe-webhook.ts";
import { trackingRoutes } from "./routes/tracking.ts";
import { unmatchedRoutes } from "./routes/unmatched.ts";
import { userRoutes } from "./routes/users.ts";
import { unsubscribeRoutes } from "./routes/unsubscribe.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

export interface ApiDeps {
  db: Database;
  /** The dashboard's sessions: POST /api/v1/session signs in with them, and their cookie authenticates API calls too. */
  sessions: Sessions;
  /** The sign-in limiter shared with the sign-in form. */
  signInLimit: RequestHandler;
  /** Requests per minute per client for the API (default 600). */
  rateLimitPerMinute?: number;
  /** Body size limit for JSON (default 20 MB: 10,000 records of a few hundred bytes). */
  jsonLimit?: string;
  onTicketsChanged?: (ticketIds: number[]) => Promise<void>;
  /** Outreach: enables the ticket-closed webhook and the unsubscribe links (no API key; raw body for the HMAC). */
  outreach?: Outreach;
  /** ISO 4217 code of the CSV export's amounts (RETAIN_CURRENCY); default USD. */
  currency?: string;
  /** RETAIN_STRIPE_SECRET: the Stripe webhook's signing secret (unset: the route answers 404). */
  stripeSecret?: string;
  /** RETAIN_SEGMENT_WRITE_KEY: the track/batch endpoints' write key (unset: they answer 404). */
  segmentWriteKey?: string;
  /** The promotion rule's settings (RETAIN_PROMOTION_*) for POST /models/:version/promote. */
  modelHealth?: { resamples: number; logLossTolerance: number };
}

/**
 * The API door: the helpdesk webhook and the unsubscribe links (when outreach is on; no key),
 * GET /api/v1/openapi.json, and everything else under /api/v1 behind the rate limit, the JSON
 * parser, sign-in and authentication (key or session cookie).
 */
export function apiRoutes(deps: ApiDeps): Router {
  const router = Router();
  if (deps.outreach) {
    router.use(webhookRoutes({ outreach: deps.outreach }));
    router.use(unsubscribeRoutes({ outreach: deps.outreach }));
  }
  // Signed or keyed by their senders (Stripe, Segment-compatible pipes), not by an API key.
  router.use(stripeWebhookRoutes({ db: deps.db, stripeSecret: deps.stripeSecret }));
  router.use(trackingRoutes({ db: deps.db, writeKey: deps.segmentWriteKey }));
  router.get("/api/v1/openapi.json", serveOpenApi);
  const api = Router();
  api.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute ?? 600,
      standardHeaders: "draft-7",
      legacyHeaders: false,
      handler: (_req, res) => {
        res
          .status(429)
          .json(
            errorBody(
              ErrorCode.RateLimited,
              "too many requests: slow down and retry after the Retry-After header's seconds",
            ),
          );
      },
    }),
  );
  api.use(express.json({ limit: deps.jsonLimit ?? "20mb", strict: false }), refuseDeepJson);
  api.use(publicSessionRoutes({ sessions: deps.sessions, signInLimit: deps.signInLimit }));
  api.use(authenticateRequest({ db: deps.db, sessions: deps.sessions }));
  api.use(ingestRoutes(deps));
  api.use(kpiRoutes(deps));
  api.use(outreachRoutes(deps));
  api.use(outreachReviewRoutes(deps));
  api.use(atRiskRoutes(deps));
  api.use(customerRoutes(deps));
  api.use(bulkActionRoutes(deps));
  api.use(modelRoutes(deps));
  api.use(sessionRoutes(deps));
  api.use(userRoutes(deps));
  api.use(unmatchedRoutes(deps));
  router.use("/api/v1", api);
  return router;
}
