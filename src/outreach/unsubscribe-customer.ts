import type { Database } from "../db/index.ts";
import { getCustomerState, setCustomerState } from "../db/repositories/customer-state.ts";
import { loadCustomerName } from "../db/repositories/outreach-facts.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { verifyUnsubscribeToken } from "./unsubscribe-token.ts";

export interface UnsubscribeTarget {
  customerId: number;
  name: string | null;
  unsubscribedAt: Date | null;
}

/** The customer an unsubscribe link is for; NOT_FOUND for a forged or mangled link. */
export async function findUnsubscribeTarget(options: {
  db: Database;
  secret: string;
  token: string;
}): Promise<UnsubscribeTarget> {
  const customerId = verifyUnsubscribeToken(options.token, options.secret);
  const customer = customerId === null ? null : await loadCustomerName(options.db.sql, customerId);
  if (customerId === null || !customer)
    throw new AppError(
      ErrorCode.NotFound,
      "this unsubscribe link is not valid (it may have been cut short when copied)",
    );
  const state = await getCustomerState(options.db.sql, customerId);
  return { customerId, name: customer.name, unsubscribedAt: state?.unsubscribedAt ?? null };
}

/**
 * Unsubscribes the customer of a signed link, at once: the sender re-checks consent before
 * every email, so nothing is sent after this. Idempotent (the first time is kept).
 */
export async function unsubscribeCustomer(options: {
  db: Database;
  secret: string;
  token: string;
  now?: Date;
}): Promise<UnsubscribeTarget> {
  const { db, now = new Date() } = options;
  const target = await findUnsubscribeTarget(options);
  await setCustomerState(db.sql, {
    customerId: target.customerId,
    fields: { unsubscribedAt: now },
    keepExisting: ["unsubscribedAt"],
    now,
  });
  return { ...target, unsubscribedAt: target.unsubscribedAt ?? now };
}
