import type { Database } from "../db/index.ts";
import { searchCustomers } from "../db/repositories/outreach-review.ts";

/** Customers to preview a follow-up with: the one whose id is `text`, else up to 20 whose name or id contains it. */
export function findPreviewCustomers(
  db: Database,
  text: string,
): Promise<{ externalId: string; name: string | null }[]> {
  return searchCustomers(db.sql, { text: text.trim(), limit: 20 });
}
