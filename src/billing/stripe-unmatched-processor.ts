import type { Database } from "../db/index.ts";
import { BillingOutcome, settleBillingEvent } from "../db/repositories/billing-events.ts";
import { AppError, ErrorCode } from "../errors.ts";
import type { UnmatchedProcessor } from "../identity/index.ts";
import { decide } from "./receive-stripe-webhook.ts";
import { stripeEvent } from "./stripe-objects.ts";

/**
 * Identity's processor for billing items (kind "billing", payload { format: "stripe-event", event }):
 * a Stripe event someone linked to a customer is applied as if it had matched (a subscription sets
 * plan, MRR and dates; a failed payment counts for the feature), and its billing_events row says so.
 */
export function stripeUnmatchedProcessor(options: { db: Database; now?: () => Date }): UnmatchedProcessor {
  const { db, now = () => new Date() } = options;
  return async (item, customer) => {
    const parsed = stripeEvent.safeParse((item.payload as { event?: unknown } | null)?.event);
    if (!parsed.success)
      throw new AppError(ErrorCode.BadInput, `item ${item.id} holds no Stripe event (payload format stripe-event)`);
    const event = parsed.data;
    const row = await decide(db, event, now(), { id: customer.id, externalId: customer.externalId });
    await db.sql.transaction(async (tx) => {
      await settleBillingEvent(tx, {
        eventId: event.id,
        customerId: customer.id,
        outcome: row.event.outcome,
        reason: row.event.reason,
      });
      if (row.apply) await row.apply(tx);
    });
    return row.event.outcome === BillingOutcome.Applied
      ? `${event.type} applied to ${customer.externalId}`
      : `${event.type} recorded for ${customer.externalId}, not applied: ${row.event.reason}`;
  };
}
