import type { Database } from "../db/index.ts";
import { findCustomerByExternalId, upsertCustomerContact } from "../db/repositories/customer-identity.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { emailDomain, normalizeEmail } from "./free-mail-domains.ts";

/**
 * Teaches the resolver that `email` belongs to the customer (by its id): a customer_contacts row with
 * `source` (link, import, …); an address known for another customer moves to this one. 400 not an
 * email address, 404 unknown customer. Resolves to the customer id it belonged to before, when another.
 */
export async function addCustomerContact(
  db: Database,
  o: { customerId: string; email: string; source: string; now?: Date },
): Promise<{ email: string; movedFrom: number | null }> {
  const email = normalizeEmail(o.email);
  if (!email)
    throw new AppError(ErrorCode.BadInput, `email: expected an address like name@company.com, found "${o.email}"`);
  const customer = await findCustomerByExternalId(db.sql, o.customerId);
  if (!customer) throw new AppError(ErrorCode.NotFound, `no customer with id "${o.customerId}"`);
  const { previousCustomerId } = await upsertCustomerContact(db.sql, {
    customerId: customer.id,
    email,
    domain: emailDomain(email),
    source: o.source,
    now: o.now ?? new Date(),
  });
  return { email, movedFrom: previousCustomerId };
}
