import type { Database } from "../db/index.ts";
import { settleUnmatchedItem } from "../db/repositories/unmatched-items.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { getOpenItem } from "./get-open-item.ts";
import { UnmatchedStatus } from "./unmatched-item.ts";

/** Dismisses an open item with a reason (1–500 characters), recording who and when; it is never processed. */
export async function dismissUnmatched(
  db: Database,
  o: { id: number; reason: string; actor: string; now?: Date },
): Promise<{ id: number; reason: string }> {
  const reason = o.reason.trim();
  if (!reason || reason.length > 500)
    throw new AppError(
      ErrorCode.BadInput,
      `reason: expected why the item is dismissed (1–500 characters), found ${reason ? `${reason.length} characters` : "none"}`,
    );
  await getOpenItem(db, o.id);
  const done = await settleUnmatchedItem(db.sql, {
    id: o.id,
    status: UnmatchedStatus.Dismissed,
    customerId: null,
    matchRule: null,
    by: o.actor,
    note: reason,
    now: o.now ?? new Date(),
  });
  if (!done) throw new AppError(ErrorCode.Conflict, `item ${o.id} is no longer open: someone settled it first`);
  return { id: o.id, reason };
}
