import express, { Router } from "express";
import type { Outreach } from "../../outreach/index.ts";

/**
 * POST /api/v1/webhooks/ticket-closed: a helpdesk's ticket-closed event, authenticated by its
 * HMAC signature instead of an API key (so it is mounted before the JSON parser and the key
 * check, and reads the raw body). 200 accepted, 202 customer not matched (listed as
 * unmatched), 400 bad payload, 401 bad signature or stale timestamp, 409 replayed event id.
 */
export function webhookRoutes(deps: { outreach: Outreach }): Router {
  const router = Router();
  router.post("/api/v1/webhooks/ticket-closed", express.raw({ type: () => true, limit: "1mb" }), async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const result = await deps.outreach.receiveWebhook({
      rawBody,
      signature: req.get("x-retain-signature"),
      timestamp: req.get("x-retain-timestamp"),
    });
    res.status(result.status === "accepted" ? 200 : 202).json(result);
  });
  return router;
}
