export { receiveStripeWebhook, STRIPE_EVENTS, type StripeWebhookResult } from "./receive-stripe-webhook.ts";
export { stripeSignature, stripeSignatureHeader, verifyStripeSignature } from "./stripe-signature.ts";
export { stripeUnmatchedProcessor } from "./stripe-unmatched-processor.ts";
export { majorUnits, subscriptionMrr, subscriptionPlan } from "./subscription-mrr.ts";
