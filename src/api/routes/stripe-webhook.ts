import express, { Router } from "express";
import { receiveStripeWebhook } from "../../billing/index.ts";
import type { Database } from "../../db/index.ts";

/**
 * POST /api/v1/webhooks/stripe: Stripe's events, authenticated by Stripe-Signature instead of an
 * API key (so mounted before the JSON parser and the key check; the signature covers the raw body).
 * 200 applied or ignored, 202 customer not matched (kept as unmatched), 400 not a Stripe event,
 * 401 bad or stale signature, 404 RETAIN_STRIPE_SECRET unset, 409 replayed event id.
 */
export function stripeWebhookRoutes(deps: { db: Database; stripeSecret?: string }): Router {
  const router = Router();
  router.post("/api/v1/webhooks/stripe", express.raw({ type: () => true, limit: "1mb" }), async (req, res) => {
    const result = await receiveStripeWebhook({
      db: deps.db,
      secret: deps.stripeSecret,
      rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      signature: req.get("stripe-signature"),
    });
    res.status(result.status === "unmatched" ? 202 : 200).json(result);
  });
  return router;
}
