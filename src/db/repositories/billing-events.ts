import type { Database } from "../database.ts";
import type { SqlClient } from "../sql-client.ts";
import { sqlDialect } from "../sql-dialect.ts";

/** What a Stripe event did, as stored in billing_events.outcome. */
export const BillingOutcome = { Applied: "applied", Unmatched: "unmatched", Ignored: "ignored" } as const;
export type BillingOutcome = (typeof BillingOutcome)[keyof typeof BillingOutcome];

/** One Stripe event as received. */
export interface BillingEventRow {
  eventId: string;
  type: string;
  customerId: number | null;
  stripeCustomer: string | null;
  objectId: string | null;
  outcome: BillingOutcome;
  reason: string | null;
  amount: number | null;
  currency: string | null;
  occurredAt: Date;
  receivedAt: Date;
  payload: string | null;
}

/** Whether a Stripe event id was received before (a repeat is a replay). */
export async function hasBillingEvent(sql: SqlClient, eventId: string): Promise<boolean> {
  return (await sql.all("SELECT 1 AS hit FROM billing_events WHERE event_id = ?", [eventId])).length > 0;
}

/** Stores an event; false when its id is already there (a concurrent duplicate delivery). */
export async function recordBillingEvent(sql: SqlClient, e: BillingEventRow): Promise<boolean> {
  const inserted = await sql.run(
    `INSERT INTO billing_events (event_id, type, customer_id, stripe_customer, object_id, outcome, reason, amount,
       currency, occurred_at, received_at, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
    [
      e.eventId,
      e.type,
      e.customerId,
      e.stripeCustomer,
      e.objectId,
      e.outcome,
      e.reason,
      e.amount,
      e.currency,
      e.occurredAt,
      e.receivedAt,
      e.payload,
    ],
  );
  return inserted === 1;
}

/** The Retain customer an earlier matched event tied this Stripe customer (cus_…) to, if any. */
export async function findCustomerByStripeId(
  sql: SqlClient,
  stripeCustomer: string,
): Promise<{ id: number; externalId: string } | null> {
  const [row] = await sql.all<{ id: number; external_id: string }>(
    `SELECT c.id, c.external_id FROM billing_events b JOIN customers c ON c.id = b.customer_id
     WHERE b.stripe_customer = ? ORDER BY b.occurred_at DESC LIMIT 1`,
    [stripeCustomer],
  );
  return row ? { id: Number(row.id), externalId: String(row.external_id) } : null;
}

/** When the latest applied event about this Stripe object happened (events may arrive out of order). */
export async function latestAppliedAt(sql: SqlClient, objectId: string): Promise<Date | null> {
  const d = sqlDialect(sql.dialect);
  const [row] = await sql.all<{ at_ms: number | null }>(
    `SELECT MAX(${d.epochMs("occurred_at")}) AS at_ms FROM billing_events WHERE object_id = ? AND outcome = ?`,
    [objectId, BillingOutcome.Applied],
  );
  return row?.at_ms === null || row?.at_ms === undefined ? null : new Date(Number(row.at_ms));
}

/**
 * A customer's billing fields as a subscription sets them: plan and MRR null = unchanged, `churnDate`
 * null = still a customer; the signup date only moves earlier. Resolves to the fields as saved.
 */
export async function updateCustomerBilling(
  sql: SqlClient,
  options: {
    customerId: number;
    plan: string | null;
    mrr: number | null;
    signupDate: Date | null;
    churnDate: Date | null;
  },
): Promise<{ plan: string | null; mrr: number; signupDate: Date; churnDate: Date | null }> {
  const { customerId, plan, mrr, signupDate, churnDate } = options;
  // Tenure counts from the first subscription: a later one does not move the signup date.
  const earlierSignup = signupDate ? ", signup_date = CASE WHEN ? < signup_date THEN ? ELSE signup_date END" : "";
  await sql.run(
    `UPDATE customers SET plan = COALESCE(?, plan), mrr = COALESCE(?, mrr), churn_date = ?${earlierSignup} WHERE id = ?`,
    [plan, mrr, churnDate, ...(signupDate ? [signupDate, signupDate] : []), customerId],
  );
  const d = sqlDialect(sql.dialect);
  const [row] = await sql.all<Record<string, unknown>>(
    `SELECT plan, mrr, ${d.epochMs("signup_date")} AS signup_ms, ${d.epochMs("churn_date")} AS churn_ms
     FROM customers WHERE id = ?`,
    [customerId],
  );
  return {
    plan: (row.plan as string | null) ?? null,
    mrr: Number(row.mrr),
    signupDate: new Date(Number(row.signup_ms)),
    churnDate: row.churn_ms === null ? null : new Date(Number(row.churn_ms)),
  };
}

/**
 * Calls `onFailure` with (customer id, ms) for every matched invoice.payment_failed that happened
 * in [fromMs, toMs): the failed-payment feature's one read. Resolves to their number.
 */
export async function eachPaymentFailure(
  db: Database,
  window: { fromMs: number; toMs: number },
  onFailure: (customerId: number, atMs: number) => void,
): Promise<number> {
  const d = sqlDialect(db.dialect);
  return db.sql.eachRow(
    `SELECT customer_id, ${d.epochMs("occurred_at")} AS at_ms FROM billing_events
     WHERE type = ? AND occurred_at >= ? AND occurred_at < ? AND customer_id IS NOT NULL`,
    [PAYMENT_FAILED, d.timestamp(window.fromMs), d.timestamp(window.toMs)],
    (r) => onFailure(Number(r[0]), Number(r[1])),
  );
}

/** The Stripe event type of a failed invoice payment. */
export const PAYMENT_FAILED = "invoice.payment_failed";

/** Billing events kept as unmatched (no Retain customer found), newest first. */
export async function listUnmatchedBillingEvents(
  sql: SqlClient,
  options: { limit: number },
): Promise<Pick<BillingEventRow, "eventId" | "type" | "stripeCustomer" | "objectId" | "reason">[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT event_id, type, stripe_customer, object_id, reason FROM billing_events WHERE outcome = ?
     ORDER BY occurred_at DESC LIMIT ?`,
    [BillingOutcome.Unmatched, options.limit],
  );
  return rows.map((r) => ({
    eventId: String(r.event_id),
    type: String(r.type),
    stripeCustomer: (r.stripe_customer as string | null) ?? null,
    objectId: (r.object_id as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
  }));
}

/** An unmatched event linked to its customer (on the Unmatched page): what it did now. */
export async function settleBillingEvent(
  sql: SqlClient,
  options: { eventId: string; customerId: number; outcome: BillingOutcome; reason: string | null },
): Promise<void> {
  await sql.run(
    "UPDATE billing_events SET customer_id = ?, outcome = ?, reason = ?, payload = NULL WHERE event_id = ?",
    [options.customerId, options.outcome, options.reason, options.eventId],
  );
}
