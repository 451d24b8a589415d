import type { Database } from "../db/index.ts";
import { findCustomerByStripeId } from "../db/repositories/billing-events.ts";
import { resolveCustomer, type CustomerRef, type Resolution } from "../identity/index.ts";
import { stripeCustomerId, type StripeInvoice, type StripeSubscription } from "./stripe-objects.ts";

/** The metadata keys that name the Retain customer (its external id), in the order tried. */
export const CUSTOMER_METADATA_KEYS = ["retain_customer_id", "customer_id"] as const;

export type StripeMatch =
  | { id: number; externalId: string; by: string }
  | { reason: string; ref: CustomerRef; resolution: Exclude<Resolution, { status: "matched" }> };

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/**
 * The Retain customer of a subscription or invoice: by an external id in the metadata (the
 * object's, an invoice's subscription_details', an expanded customer's), then by the Stripe customer
 * an earlier event was matched to, then by email (the expanded customer's, or the invoice's
 * customer_email; webhooks cannot expand) through identity's resolver (customer email, known
 * contact, a domain one customer owns). Otherwise why, with the resolver's answer for the queue.
 */
export async function matchStripeCustomer(
  db: Database,
  object: StripeSubscription | StripeInvoice,
): Promise<StripeMatch> {
  const customer = typeof object.customer === "object" && object.customer ? object.customer : null;
  const invoice = object as StripeInvoice;
  const metadatas = [object.metadata, invoice.subscription_details?.metadata, customer?.metadata];
  const refs = [
    ...new Set(metadatas.flatMap((m) => CUSTOMER_METADATA_KEYS.map((k) => text(m?.[k]))).filter((r) => r !== null)),
  ];
  for (const ref of refs) {
    const r = await resolveCustomer(db, { externalId: ref });
    if (r.status === "matched") return { ...r.customer, by: `metadata customer id "${ref}"` };
  }
  const stripeId = stripeCustomerId(object.customer);
  if (stripeId) {
    const known = await findCustomerByStripeId(db.sql, stripeId);
    if (known) return { ...known, by: `Stripe customer ${stripeId}` };
  }
  const email = text(customer?.email) ?? text(invoice.customer_email);
  const ref: CustomerRef = { externalId: refs[0] ?? null, email };
  if (email) {
    const r = await resolveCustomer(db, { email });
    if (r.status === "matched") return { ...r.customer, by: `${r.rule.replace("_", " ")} ${email}` };
    const reason = refs.length ? `no customer with metadata customer id "${refs.join('", "')}"; ${r.reason}` : r.reason;
    return { reason, ref, resolution: { ...r, reason } };
  }
  const tried = [
    refs.length > 0 && `metadata customer id ${refs.map((r) => `"${r}"`).join(", ")}`,
    stripeId && `Stripe customer ${stripeId}`,
  ].filter(Boolean);
  const reason = tried.length
    ? `no customer with ${tried.join(" or ")}, and no email to match by`
    : "no metadata.retain_customer_id, known Stripe customer or email to match a customer by";
  return { reason, ref, resolution: { status: "unmatched", candidates: [], reason } };
}
