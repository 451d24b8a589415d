import express, { Router } from "express";
import { HELPDESK_VENDORS } from "../../helpdesk/index.ts";
import type { Outreach } from "../../outreach/index.ts";

/**
 * POST /api/v1/webhooks/ticket-closed: a helpdesk's ticket-closed event, authenticated by its
 * HMAC signature instead of an API key (so it is mounted before the JSON parser and the key
 * check, and reads the raw body). 200 accepted, 202 customer not matched (listed as
 * unmatched), 400 bad payload, 401 bad signature or stale timestamp, 409 replayed event id.
 * POST /api/v1/webhooks/{zendesk,intercom,freshdesk}: the same in each vendor's own format and
 * signature; 404 while the vendor's secret is unset, 200 also for an event with nothing for Retain.
 */
export function webhookRoutes(deps: { outreach: Outreach }): Router {
  const router = Router();
  const rawBody = express.raw({ type: () => true, limit: "1mb" });
  router.post("/api/v1/webhooks/ticket-closed", rawBody, async (req, res) => {
    const result = await deps.outreach.receiveWebhook({
      rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      signature: req.get("x-retain-signature"),
      timestamp: req.get("x-retain-timestamp"),
    });
    res.status(result.status === "accepted" ? 200 : 202).json(result);
  });
  for (const vendor of HELPDESK_VENDORS) {
    router.post(`/api/v1/webhooks/${vendor}`, rawBody, async (req, res) => {
      const result = await deps.outreach.receiveHelpdesk(vendor, {
        rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        header: (name) => req.get(name),
      });
      res.status(result.status === "unmatched" ? 202 : 200).json(result);
    });
  }
  return router;
}
