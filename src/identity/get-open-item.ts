import type { Database } from "../db/index.ts";
import { getUnmatchedItem } from "../db/repositories/unmatched-items.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { toUnmatchedItem, UnmatchedStatus, type UnmatchedItem } from "./unmatched-item.ts";

/** The item, if it is still open: 404 when there is none, 409 (saying by whom and when) when it was settled. */
export async function getOpenItem(db: Database, id: number): Promise<UnmatchedItem> {
  const row = await getUnmatchedItem(db.sql, id);
  if (!row) throw new AppError(ErrorCode.NotFound, `no unmatched item ${id}`);
  const item = toUnmatchedItem(row);
  if (item.status !== UnmatchedStatus.Open) {
    const to = item.customer ? ` to ${item.customer.externalId}` : "";
    const when = item.resolvedAt ? ` at ${item.resolvedAt.toISOString()}` : "";
    throw new AppError(ErrorCode.Conflict, `item ${id} was already ${item.status}${to} by ${item.resolvedBy}${when}`);
  }
  return item;
}
