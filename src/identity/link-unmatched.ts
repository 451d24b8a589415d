import type { Database } from "../db/index.ts";
import {
  findCustomerByExternalId,
  findCustomerById,
  upsertCustomerContact,
} from "../db/repositories/customer-identity.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { emailDomain, normalizeEmail } from "./free-mail-domains.ts";
import { getOpenItem } from "./get-open-item.ts";
import { retryUnmatched } from "./retry-unmatched.ts";
import { settleMatchedItem } from "./settle-matched-item.ts";
import { MANUAL_LINK, type UnmatchedProcessors } from "./unmatched-item.ts";

export interface LinkResult {
  id: number;
  customer: { externalId: string; name: string | null };
  /** What processing did (for a ticket: upserted, follow-up queued), in words. */
  outcome: string;
  /** The email the resolver learned (a customer_contacts row, source "link"); null when the item had none. */
  taught: string | null;
  /** The customer that email belonged to before, when another. */
  movedFrom: string | null;
  /** Other open items from the same email, matched and processed through what was learned. */
  alsoLinked: number[];
}

/**
 * Links an open item to a customer (by the customer's id) on someone's say-so: processes it as if it had
 * matched, teaches the resolver the requester's email, then retries the other open items from that email.
 * 404 unknown item or customer, 409 item no longer open (or its kind has no processor here).
 */
export async function linkUnmatched(
  db: Database,
  o: { id: number; customerId: string; actor: string; processors: UnmatchedProcessors; now?: Date },
): Promise<LinkResult> {
  const now = o.now ?? new Date();
  const item = await getOpenItem(db, o.id);
  const customer = await findCustomerByExternalId(db.sql, o.customerId.trim());
  if (!customer) throw new AppError(ErrorCode.NotFound, `no customer with id "${o.customerId}"`);
  const outcome = await settleMatchedItem(db, {
    item,
    customer,
    rule: MANUAL_LINK,
    by: o.actor,
    processors: o.processors,
    now,
  });
  const email = normalizeEmail(item.requester.email);
  let movedFrom: string | null = null;
  let alsoLinked: number[] = [];
  if (email) {
    const { previousCustomerId } = await upsertCustomerContact(db.sql, {
      customerId: customer.id,
      email,
      domain: emailDomain(email),
      source: "link",
      now,
    });
    if (previousCustomerId) movedFrom = (await findCustomerById(db.sql, previousCustomerId))?.externalId ?? null;
    const again = await retryUnmatched(db, { processors: o.processors, email, by: `${o.actor} (same email)`, now });
    alsoLinked = again.linked.map((l) => l.id);
  }
  return {
    id: item.id,
    customer: { externalId: customer.externalId, name: customer.name },
    outcome,
    taught: email,
    movedFrom,
    alsoLinked,
  };
}
