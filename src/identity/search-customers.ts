import type { Database } from "../db/index.ts";
import { searchIdentityCustomers, type IdentityCustomer } from "../db/repositories/customer-identity.ts";

/** Customers to link an item to: the one whose id is `text`, then those whose id, name or email contains it (≤ 10). */
export async function searchCustomers(db: Database, text: string): Promise<IdentityCustomer[]> {
  const t = text.trim();
  return t ? searchIdentityCustomers(db.sql, t.slice(0, 200), 10) : [];
}
