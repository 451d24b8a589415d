import type { Database } from "../db/index.ts";
import { countOpenUnmatchedItems, listUnmatchedItems } from "../db/repositories/unmatched-items.ts";
import { toUnmatchedItem, type UnmatchedItem, type UnmatchedStatus } from "./unmatched-item.ts";

/** One page of the queue, newest first: `status` (default open; "all" for every status), `kind`, `before` an id. */
export async function listUnmatched(
  db: Database,
  o: { status?: UnmatchedStatus | "all"; kind?: string; before?: number; limit?: number } = {},
): Promise<{ items: UnmatchedItem[]; next: number | null; open: number }> {
  const limit = o.limit ?? 50;
  const status = o.status === "all" ? null : (o.status ?? "open");
  const [rows, open] = await Promise.all([
    listUnmatchedItems(db.sql, { status, kind: o.kind, before: o.before, limit: limit + 1 }),
    countOpenUnmatchedItems(db.sql),
  ]);
  const items = rows.slice(0, limit).map(toUnmatchedItem);
  return { items, next: rows.length > limit ? items[items.length - 1].id : null, open };
}
