import type { Database } from "../db/index.ts";
import { listUnmatchedItems } from "../db/repositories/unmatched-items.ts";
import { isAppError } from "../errors.ts";
import { resolveCustomer } from "./resolve-customer.ts";
import { settleMatchedItem } from "./settle-matched-item.ts";
import { toUnmatchedItem, UnmatchedStatus, type UnmatchedProcessors } from "./unmatched-item.ts";

export interface RetryResult {
  tried: number;
  linked: { id: number; customerId: string; rule: string; outcome: string }[];
  still: { id: number; reason: string }[];
}

/**
 * Resolves the open items again (after customers were imported or an email was linked): each that now
 * matches is processed as its door would have and marked linked by `by` with the rule that matched.
 * `email` limits it to the items from one requester email. Kinds without a processor stay open.
 */
export async function retryUnmatched(
  db: Database,
  o: { processors: UnmatchedProcessors; email?: string; by?: string; now?: Date },
): Promise<RetryResult> {
  const rows = await listUnmatchedItems(db.sql, { status: UnmatchedStatus.Open, email: o.email, limit: 10_000 });
  const result: RetryResult = { tried: rows.length, linked: [], still: [] };
  for (const item of rows.map(toUnmatchedItem)) {
    const r = await resolveCustomer(db.sql, { externalId: item.requester.customerRef, email: item.requester.email });
    if (r.status !== "matched" || !o.processors[item.kind as keyof UnmatchedProcessors]) {
      result.still.push({ id: item.id, reason: r.status === "matched" ? `no ${item.kind} processor here` : r.reason });
      continue;
    }
    try {
      const outcome = await settleMatchedItem(db, {
        item,
        customer: r.customer,
        rule: r.rule,
        by: o.by ?? "retry",
        processors: o.processors,
        now: o.now ?? new Date(),
      });
      result.linked.push({ id: item.id, customerId: r.customer.externalId, rule: r.rule, outcome });
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.still.push({ id: item.id, reason: error.message });
    }
  }
  return result;
}
