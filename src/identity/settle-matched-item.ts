import type { Database } from "../db/index.ts";
import { reopenUnmatchedItem, settleUnmatchedItem } from "../db/repositories/unmatched-items.ts";
import { AppError, ErrorCode } from "../errors.ts";
import type { IdentityCustomer } from "./resolve-customer.ts";
import { UnmatchedStatus, type UnmatchedItem, type UnmatchedProcessors } from "./unmatched-item.ts";

/**
 * Marks an open item linked to `customer` (so two people, or a person and a retry, never process it
 * twice), then processes it as its door would have; if processing refuses, the item is open again
 * with the refusal as its reason, and the error goes on. Resolves to what processing did, in words.
 */
export async function settleMatchedItem(
  db: Database,
  o: {
    item: UnmatchedItem;
    customer: IdentityCustomer;
    rule: string;
    by: string;
    processors: UnmatchedProcessors;
    now: Date;
  },
): Promise<string> {
  const { item, customer } = o;
  const process = o.processors[item.kind as keyof UnmatchedProcessors];
  if (!process)
    throw new AppError(
      ErrorCode.Conflict,
      `item ${item.id} is a ${item.kind} item, and this server cannot process ${item.kind} items (outreach or its door is off)`,
    );
  const claimed = await settleUnmatchedItem(db.sql, {
    id: item.id,
    status: UnmatchedStatus.Linked,
    customerId: customer.id,
    matchRule: o.rule,
    by: o.by,
    note: null,
    now: o.now,
  });
  if (!claimed) throw new AppError(ErrorCode.Conflict, `item ${item.id} is no longer open: someone settled it first`);
  try {
    return await process(item, customer);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    await reopenUnmatchedItem(db.sql, { id: item.id, reason: `linking to ${customer.externalId} failed: ${why}` });
    throw error;
  }
}
