import type { Database } from "../db/index.ts";
import {
  BillingOutcome,
  hasBillingEvent,
  latestAppliedAt,
  PAYMENT_FAILED,
  recordBillingEvent,
  updateCustomerBilling,
  type BillingEventRow,
} from "../db/repositories/billing-events.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { queueUnmatched, UnmatchedKind, type UnmatchedInput } from "../identity/index.ts";
import { matchStripeCustomer } from "./match-stripe-customer.ts";
import {
  parseStripeEvent,
  readStripeObject,
  stripeCustomerId,
  stripeInvoice,
  stripeSubscription,
  type StripeEvent,
} from "./stripe-objects.ts";
import { type StripeRefusal, verifyStripeSignature } from "./stripe-signature.ts";
import { majorUnits, subscriptionMrr, subscriptionPlan } from "./subscription-mrr.ts";

/** The events Retain acts on; every other type is acknowledged and recorded as ignored. */
export const STRIPE_EVENTS = [
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  PAYMENT_FAILED,
] as const;

export interface StripeWebhookResult {
  status: BillingOutcome;
  eventId: string;
  type: string;
  /** The Retain customer (external id) when matched. */
  customerId?: string;
  /** Why it was unmatched or ignored. */
  reason?: string;
  /** What a subscription event set on the customer. */
  customer?: { plan: string | null; mrr: number; signupDate: string; churnDate: string | null };
}

const REFUSALS: Record<StripeRefusal, string> = {
  missing_header: "missing or malformed Stripe-Signature header: expected t=<unix seconds>,v1=<hex signature>",
  bad_signature:
    "bad signature: no v1 in Stripe-Signature is the hex HMAC-SHA256 of `<t>.<raw body>` with RETAIN_STRIPE_SECRET " +
    "(is it this endpoint's signing secret?)",
  stale_timestamp: "the Stripe-Signature timestamp is more than 5 minutes from now (a replay, or clock skew)",
};

const iso = (ms: number | null | undefined) => (ms ? new Date(ms * 1000) : null);

/**
 * Handles a Stripe webhook: verifies Stripe-Signature (401), refuses an event id seen before (409),
 * then keeps the matched customer's plan, MRR, signup and churn dates current from subscription
 * events and records failed invoice payments (the failed-payment risk feature). Events whose
 * customer is not matched are kept as unmatched with the reason; other types are ignored.
 */
export async function receiveStripeWebhook(options: {
  db: Database;
  secret: string | undefined;
  rawBody: Buffer;
  signature: string | undefined;
  now?: Date;
}): Promise<StripeWebhookResult> {
  const { db, secret, rawBody, now = new Date() } = options;
  if (!secret)
    throw new AppError(ErrorCode.NotFound, "the Stripe webhook is off: set RETAIN_STRIPE_SECRET on the server");
  const check = verifyStripeSignature({ secret, body: rawBody, header: options.signature, nowMs: now.getTime() });
  if (!check.ok) throw new AppError(ErrorCode.Unauthorized, REFUSALS[check.refusal]);
  const event = parseStripeEvent(rawBody);
  if (await hasBillingEvent(db.sql, event.id))
    throw new AppError(ErrorCode.Conflict, `event ${event.id} was already received: a replay is ignored`);
  const row = await decide(db, event, now);
  const result = await db.sql.transaction(async (tx) => {
    if (!(await recordBillingEvent(tx, row.event)))
      throw new AppError(ErrorCode.Conflict, `event ${event.id} was already received: a replay is ignored`);
    if (row.unmatched) await queueUnmatched(tx, row.unmatched);
    return row.apply ? await row.apply(tx) : undefined;
  });
  if (row.event.outcome === BillingOutcome.Applied) {
    db.ingests.count++; // the KPI cache's data version: customers changed
    db.ingests.lastAt = now;
  }
  return {
    status: row.event.outcome,
    eventId: event.id,
    type: event.type,
    ...(row.externalId ? { customerId: row.externalId } : {}),
    ...(row.event.reason ? { reason: row.event.reason } : {}),
    ...(result ? { customer: result } : {}),
  };
}

type Apply = (tx: Database["sql"]) => Promise<StripeWebhookResult["customer"]>;

/** What to record (and, for a subscription, what to change) for one event; also applies a linked one. */
export async function decide(
  db: Database,
  event: StripeEvent,
  now: Date,
  /** The customer someone linked the event to on the Unmatched page, instead of matching. */
  linked?: { id: number; externalId: string },
): Promise<{ event: BillingEventRow; externalId?: string; apply?: Apply; unmatched?: UnmatchedInput }> {
  const base: BillingEventRow = {
    eventId: event.id,
    type: event.type,
    customerId: null,
    stripeCustomer: null,
    objectId: typeof event.data.object.id === "string" ? event.data.object.id : null,
    outcome: BillingOutcome.Ignored,
    reason: null,
    amount: null,
    currency: null,
    occurredAt: new Date(event.created * 1000),
    receivedAt: now,
    payload: null,
  };
  if (!(STRIPE_EVENTS as readonly string[]).includes(event.type))
    return { event: { ...base, reason: `Retain does not use ${event.type} events` } };
  const isInvoice = event.type === PAYMENT_FAILED;
  const object = isInvoice ? readStripeObject(stripeInvoice, event) : readStripeObject(stripeSubscription, event);
  const match = linked ? { ...linked, by: "a manual link" } : await matchStripeCustomer(db, object);
  const row: BillingEventRow = { ...base, stripeCustomer: stripeCustomerId(object.customer) };
  if (isInvoice) {
    const invoice = object as ReturnType<typeof stripeInvoice.parse>;
    row.currency = invoice.currency?.toUpperCase() ?? null;
    row.amount =
      invoice.amount_due === null || invoice.amount_due === undefined
        ? null
        : majorUnits(invoice.amount_due, invoice.currency);
  }
  if ("reason" in match)
    return {
      event: { ...row, outcome: BillingOutcome.Unmatched, reason: match.reason, payload: JSON.stringify(object) },
      // In identity's queue: linked on the Unmatched page, the event is applied as if it had matched.
      unmatched: {
        kind: UnmatchedKind.Billing,
        source: "stripe",
        eventId: event.id,
        externalId: row.objectId ?? event.id,
        ref: match.ref,
        subject: event.type,
        payload: { format: "stripe-event", event },
        resolution: match.resolution,
        receivedAt: now,
      },
    };
  const matched = { ...row, customerId: match.id, outcome: BillingOutcome.Applied };
  if (isInvoice) return { event: matched, externalId: match.externalId };
  const sub = object as ReturnType<typeof stripeSubscription.parse>;
  const later = await latestAppliedAt(db.sql, sub.id);
  if (later && later > base.occurredAt)
    return {
      event: {
        ...matched,
        outcome: BillingOutcome.Ignored,
        reason: `an event of ${later.toISOString()} about ${sub.id} was already applied`,
      },
      externalId: match.externalId,
    };
  return { event: matched, externalId: match.externalId, apply: subscriptionChange(event, sub, match.id) };
}

/** The customer's new plan, MRR, signup and churn dates from a subscription event. */
function subscriptionChange(
  event: StripeEvent,
  sub: ReturnType<typeof stripeSubscription.parse>,
  customerId: number,
): Apply {
  const deleted = event.type === "customer.subscription.deleted";
  const ended = deleted || sub.status === "canceled" || sub.status === "incomplete_expired";
  const churnDate = ended ? (iso(sub.ended_at) ?? iso(sub.canceled_at) ?? new Date(event.created * 1000)) : null;
  const signupDate = iso(sub.start_date) ?? iso(sub.created);
  // A deleted subscription keeps the plan and MRR it had: the revenue the churn lost.
  const plan = deleted ? null : subscriptionPlan(sub);
  const mrr = deleted ? null : subscriptionMrr(sub).mrr;
  return async (tx) => {
    const saved = await updateCustomerBilling(tx, { customerId, plan, mrr, signupDate, churnDate });
    return {
      plan: saved.plan,
      mrr: saved.mrr,
      signupDate: saved.signupDate.toISOString().slice(0, 10),
      churnDate: saved.churnDate ? saved.churnDate.toISOString().slice(0, 10) : null,
    };
  };
}
