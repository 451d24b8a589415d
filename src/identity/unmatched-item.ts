import type { UnmatchedItemRow } from "../db/repositories/unmatched-items.ts";
import type { Candidate, IdentityCustomer } from "./resolve-customer.ts";

/** What an unmatched item is: a helpdesk ticket now; product events and billing events later. */
export const UnmatchedKind = { Ticket: "ticket", Event: "event", Billing: "billing" } as const;
export type UnmatchedKind = (typeof UnmatchedKind)[keyof typeof UnmatchedKind];

/** open (waiting for someone), linked (to a customer, by hand or by a retry) or dismissed (with a reason). */
export const UnmatchedStatus = { Open: "open", Linked: "linked", Dismissed: "dismissed" } as const;
export type UnmatchedStatus = (typeof UnmatchedStatus)[keyof typeof UnmatchedStatus];

/** How a linked item was matched: by a person (manual) or, on a retry, by a resolver rule. */
export const MANUAL_LINK = "manual";

/** An item of the unmatched queue as the pages and the API show it. */
export interface UnmatchedItem {
  id: number;
  kind: string;
  /** The door it came through: webhook (the native ticket-closed webhook), zendesk, stripe, … */
  source: string;
  eventId: string | null;
  /** The item's id at its source (a ticket's id). */
  externalId: string;
  /** What it said about its customer. */
  requester: { customerRef: string | null; email: string | null; name: string | null };
  subject: string | null;
  receivedAt: Date;
  reason: string;
  candidates: Candidate[];
  /** What processing it needs later, as stored (for a ticket: { format, ticket | record }). */
  payload: unknown;
  status: UnmatchedStatus;
  /** The customer it was linked to. */
  customer: { externalId: string; name: string | null } | null;
  matchRule: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  /** The reason given for a dismissal. */
  note: string | null;
}

/**
 * Processes an item once its customer is known, exactly as its door does for a matched one (for a ticket:
 * upsert it and queue the follow-up); resolves to what it did, in words. Throws an AppError to refuse.
 */
export type UnmatchedProcessor = (item: UnmatchedItem, customer: IdentityCustomer) => Promise<string>;

/** The processors a server has, by kind: a kind without one cannot be linked there. */
export type UnmatchedProcessors = Partial<Record<UnmatchedKind, UnmatchedProcessor>>;

function parseJson(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

export function toUnmatchedItem(r: UnmatchedItemRow): UnmatchedItem {
  const candidates = parseJson(r.candidates, []);
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    eventId: r.eventId,
    externalId: r.externalId,
    requester: { customerRef: r.customerRef, email: r.requesterEmail, name: r.requesterName },
    subject: r.subject,
    receivedAt: r.receivedAt,
    reason: r.reason,
    candidates: Array.isArray(candidates) ? (candidates as Candidate[]) : [],
    payload: parseJson(r.payload, r.payload),
    status: r.status as UnmatchedStatus,
    customer: r.customerExternalId ? { externalId: r.customerExternalId, name: r.customerName } : null,
    matchRule: r.matchRule,
    resolvedBy: r.resolvedBy,
    resolvedAt: r.resolvedAt,
    note: r.note,
  };
}
