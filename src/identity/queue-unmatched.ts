import type { Database, SqlClient } from "../db/index.ts";
import { insertUnmatchedItem } from "../db/repositories/unmatched-items.ts";
import type { CustomerRef, Resolution } from "./resolve-customer.ts";
import type { UnmatchedKind } from "./unmatched-item.ts";

/** An item whose customer resolveCustomer did not find (or found several of). */
export interface UnmatchedInput {
  kind: UnmatchedKind;
  /** The door: webhook (native), zendesk, intercom, freshdesk, stripe, segment, … */
  source: string;
  /** The delivery's event id, when the door has one (its replay key). */
  eventId?: string | null;
  /** The item's id at its source (a ticket's id, a Stripe object's id, …). */
  externalId: string;
  /** What the item said about its customer (as passed to resolveCustomer). */
  ref: CustomerRef;
  subject?: string | null;
  /** Everything needed to process it once linked, JSON-serialisable (see UnmatchedProcessor). */
  payload: unknown;
  /** resolveCustomer's answer: its reason and candidates are kept. */
  resolution: Exclude<Resolution, { status: "matched" }>;
  receivedAt: Date;
}

/** Puts an item in the unmatched queue (status open); resolves to its id. Takes the database or a transaction. */
export async function queueUnmatched(target: Database | SqlClient, item: UnmatchedInput): Promise<number> {
  const sql = "sql" in target ? target.sql : target;
  return insertUnmatchedItem(sql, {
    kind: item.kind,
    source: item.source,
    eventId: item.eventId ?? null,
    externalId: item.externalId,
    customerRef: item.ref.externalId ?? null,
    requesterEmail: item.ref.email?.trim() || null,
    requesterName: item.ref.name?.trim() || null,
    subject: item.subject ?? null,
    reason: item.resolution.reason,
    candidates: JSON.stringify(item.resolution.candidates),
    payload: JSON.stringify(item.payload),
    receivedAt: item.receivedAt,
  });
}
