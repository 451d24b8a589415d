import { findCustomer, type CustomerRecord, type Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";

/** Looks a customer up by the id they were imported with; NotFound saying so. */
export async function requireCustomer(db: Database, externalId: string): Promise<CustomerRecord> {
  const customer = await findCustomer(db.sql, externalId);
  if (!customer)
    throw new AppError(
      ErrorCode.NotFound,
      `no customer "${externalId}": expected a customer_id imported in customers.csv`,
    );
  return customer;
}

/** Whether the customer had churned by `now` (a churn date on or before it). */
export function hasChurned(customer: { churnDate: Date | null }, now: Date): boolean {
  return customer.churnDate !== null && customer.churnDate.getTime() <= now.getTime();
}

/** The customer, for a CSM action: NotFound when unknown, Conflict (409) when they have churned. */
export async function requireActiveCustomer(
  db: Database,
  options: { customerId: string; now?: Date },
): Promise<CustomerRecord> {
  const { now = new Date() } = options;
  const c = await requireCustomer(db, options.customerId);
  if (hasChurned(c, now))
    throw new AppError(
      ErrorCode.Conflict,
      `customer "${c.externalId}" churned on ${c.churnDate!.toISOString().slice(0, 10)}: ` +
        "expected an active customer, churned customers take no actions",
    );
  return c;
}
