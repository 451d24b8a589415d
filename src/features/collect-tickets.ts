import type { Database } from "../db/index.ts";
import { eachFeatureTicket } from "../db/repositories/feature-sources.ts";
import { CANCEL_PATTERN } from "./feature-columns.ts";
import { groupByCustomer, type CustomerGroups } from "./group-by-customer.ts";

/**
 * Every ticket feature building reads, as columns. `doneMs` is the first of resolution and
 * closing: a ticket closed before T is not open at T even if its resolved_at came later.
 */
export interface TicketColumns extends CustomerGroups {
  length: number;
  createdMs: Float64Array;
  /** NaN when none. */
  firstResponseMs: Float64Array;
  doneMs: Float64Array;
  closedMs: Float64Array;
  /** Index of the ticket's channel + category pair, for the medians of the same kind of ticket. */
  kind: Int32Array;
  kinds: number;
  urgentHigh: Uint8Array;
  reopened: Uint8Array;
  /** Subject or category asks to cancel (CANCEL_PATTERN). */
  cancel: Uint8Array;
}

const orNaN = (v: number | null) => (v === null ? NaN : v);

/** Reads the tickets with anything dated in [fromMs, toMs) once, for all customers (the medians need them all). */
export async function collectTickets(options: {
  db: Database;
  fromMs: number;
  toMs: number;
  customerIndex: Map<number, number>;
}): Promise<TicketColumns> {
  const { db, fromMs, toMs, customerIndex } = options;
  const customer: number[] = [];
  const created: number[] = [];
  const firstResponse: number[] = [];
  const done: number[] = [];
  const closed: number[] = [];
  const kind: number[] = [];
  const flags: number[] = [];
  // channel → category → kind index: two lookups, no key string built per ticket
  const kinds = new Map<string, Map<string, number>>();
  let kindCount = 0;
  await eachFeatureTicket(db, { fromMs, toMs }, (t) => {
    customer.push(customerIndex.get(t.customerId) ?? -1);
    created.push(t.createdMs);
    firstResponse.push(orNaN(t.firstResponseMs));
    const [r, c] = [orNaN(t.resolvedMs), orNaN(t.closedMs)];
    done.push(Number.isNaN(r) ? c : Number.isNaN(c) ? r : Math.min(r, c));
    closed.push(c);
    let byCategory = kinds.get(t.channel);
    if (!byCategory) {
      byCategory = new Map();
      kinds.set(t.channel, byCategory);
    }
    let k = byCategory.get(t.category ?? "");
    if (k === undefined) {
      k = kindCount++;
      byCategory.set(t.category ?? "", k);
    }
    kind.push(k);
    const urgent = t.priority === "urgent" || t.priority === "high";
    const cancel = CANCEL_PATTERN.test(t.subject ?? "") || CANCEL_PATTERN.test(t.category ?? "");
    flags.push((urgent ? 1 : 0) | (t.reopenedCount > 0 ? 2 : 0) | (cancel ? 4 : 0));
  });
  const bits = (b: number) => Uint8Array.from(flags, (f) => (f & b ? 1 : 0));
  return {
    length: created.length,
    createdMs: Float64Array.from(created),
    firstResponseMs: Float64Array.from(firstResponse),
    doneMs: Float64Array.from(done),
    closedMs: Float64Array.from(closed),
    kind: Int32Array.from(kind),
    kinds: kindCount,
    urgentHigh: bits(1),
    reopened: bits(2),
    cancel: bits(4),
    ...groupByCustomer(Int32Array.from(customer), customerIndex.size),
  };
}
