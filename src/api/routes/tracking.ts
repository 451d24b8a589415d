import express, { Router } from "express";
import type { Database } from "../../db/index.ts";
import { checkWriteKey, countUsageEvents, MAX_BATCH_BYTES, MAX_EVENT_BYTES } from "../../tracking/index.ts";

/**
 * POST /api/v1/track and /api/v1/batch: Segment's HTTP Tracking API (a Segment, RudderStack or
 * Jitsu destination points here), authenticated by the write key as HTTP Basic auth, not an API
 * key, so mounted before the key check. 413 over 32 KB (track) or 500 KB (batch); 200 every
 * record accepted, 207 some refused, 400 none counted and some refused (per-record errors as ingest).
 */
export function trackingRoutes(deps: { db: Database; writeKey?: string }): Router {
  const router = Router();
  for (const [kind, limit] of [
    ["track", MAX_EVENT_BYTES],
    ["batch", MAX_BATCH_BYTES],
  ] as const) {
    router.post(
      `/api/v1/${kind}`,
      (req, res, next) => {
        try {
          checkWriteKey({ writeKey: deps.writeKey, authorization: req.get("authorization") });
          next();
        } catch (error) {
          res.set("WWW-Authenticate", 'Basic realm="retain"');
          next(error);
        }
      },
      express.raw({ type: () => true, limit }),
      async (req, res) => {
        const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const result = await countUsageEvents({ db: deps.db, kind, rawBody });
        const accepted = result.received - result.rejected;
        res.status(result.rejected === 0 ? 200 : accepted > 0 ? 207 : 400).json(result);
      },
    );
  }
  return router;
}
