import { findCustomers, type CustomerRecord, type SqlClient } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { hasChurned } from "./require-active-customer.ts";

/** How many refused customers a message names before "and N more" (all of them are in the error's details). */
const NAMED = 10;

function nameSome(items: string[]): string {
  const named = items.slice(0, NAMED).join(", ");
  return items.length > NAMED ? `${named} and ${items.length - NAMED} more` : named;
}

/**
 * The customers of a bulk action, in the order given, when every one is known and active at `now`. Otherwise one
 * error naming each refused customer (nothing is changed): NotFound when some are unknown, else Conflict (churned).
 * `details` lists them all: `{ unknown: [id…], churned: [id…] }`.
 */
export async function requireActiveCustomers(
  sql: SqlClient,
  options: { customerIds: string[]; now: Date },
): Promise<CustomerRecord[]> {
  const found = await findCustomers(sql, options.customerIds);
  const unknown = options.customerIds.filter((id) => !found.has(id));
  const churned = [...found.values()].filter((c) => hasChurned(c, options.now));
  if (!unknown.length && !churned.length) return options.customerIds.map((id) => found.get(id)!);
  const problems: string[] = [];
  if (unknown.length)
    problems.push(
      `no customer ${nameSome(unknown.map((id) => `"${id}"`))} (expected customer_ids imported in customers.csv)`,
    );
  if (churned.length) {
    const named = churned.map((c) => `"${c.externalId}" churned on ${c.churnDate!.toISOString().slice(0, 10)}`);
    problems.push(`${nameSome(named)} (expected active customers: churned customers take no actions)`);
  }
  throw new AppError(
    unknown.length ? ErrorCode.NotFound : ErrorCode.Conflict,
    `nothing changed, ${unknown.length + churned.length} of ${options.customerIds.length} customers refused: ` +
      problems.join("; "),
    { unknown, churned: churned.map((c) => c.externalId) },
  );
}
