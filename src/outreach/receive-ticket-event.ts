import { agentExists, hasWebhookEvent, recordWebhookEvent, type Database } from "../db/index.ts";
import { findAgentIdByEmail, findStoredTicket, type StoredTicket } from "../db/repositories/helpdesk-tickets.ts";
import { AppError, ErrorCode } from "../errors.ts";
import type { TicketEvent } from "../helpdesk/index.ts";
import {
  queueUnmatched,
  resolveCustomer,
  UnmatchedKind,
  type CustomerRef,
  type Resolution,
} from "../identity/index.ts";
import { ingestRecords } from "../ingest/index.ts";
import { TICKET_RECORD_FORMAT } from "./unmatched-ticket-formats.ts";
import { CLOSED_TICKET_STATUSES, TriggerSource } from "../outreach-statuses.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { enqueueFollowUps } from "./run-outreach.ts";

export type TicketEventResult =
  | {
      status: "accepted";
      eventId: string;
      ticketId: string;
      customerId: string;
      change: "new" | "updated" | "unchanged";
      queued: number;
      warnings: string[];
      /** The identity rule that found the customer (external_id, contact_email, email, domain), or stored_ticket. */
      matchedBy?: string;
    }
  | {
      status: "unmatched";
      eventId: string;
      ticketId: string;
      reason: string;
      /** Its id in the unmatched queue (the Unmatched page). */
      unmatchedId: number;
      /** The customers it may belong to (ids), when several matched. */
      candidates: string[];
    };

/** A ticket record of the tickets contract, without customer_id (what an unmatched vendor ticket keeps). */
export type TicketRecord = Record<string, string | number | null>;

/**
 * Receives one verified ticket event from any door (the native webhook, Zendesk, Intercom, Freshdesk):
 * refuses an event id seen before (409), merges the event into the stored ticket (a field the event
 * leaves out keeps its value), finds the customer (findTicketCustomer: the one place that matches),
 * keeps tickets of unknown customers in the unmatched list (202), upserts the ticket with the same
 * validation as HTTP ingest (400) and queues the follow-up decision, as for any closing.
 * `unmatchedPayload` is what the unmatched list keeps (default `{ format: "ticket-record", record }`).
 */
export async function receiveTicketEvent(options: {
  db: Database;
  settings: Pick<OutreachSettings, "maxAgeMs">;
  event: TicketEvent;
  now: Date;
  unmatchedPayload?: unknown;
  /** Warnings of the door (an accepted answer lists them first). */
  warnings?: string[];
}): Promise<TicketEventResult> {
  const { db, settings, event, now } = options;
  const { eventId, ticketId } = event;
  if (await hasWebhookEvent(db.sql, eventId))
    throw new AppError(ErrorCode.Conflict, `event ${eventId} was already processed: a replay is ignored`);
  const stored = await findStoredTicket(db.sql, ticketId);
  const warnings: string[] = [...(options.warnings ?? [])];
  const record = await mergeTicket({ db, event, stored, warnings });
  const ref: CustomerRef = {
    externalId: event.requester.customerId ?? null,
    email: event.requester.email ?? null,
    name: event.requester.name ?? null,
  };
  const found = await findTicketCustomer(db, ref, stored);
  if (found.status !== "matched") {
    const unmatchedId = await queueUnmatched(db, {
      kind: UnmatchedKind.Ticket,
      source: event.source,
      eventId,
      externalId: ticketId,
      ref,
      subject: typeof record.subject === "string" ? record.subject : null,
      payload: options.unmatchedPayload ?? { format: TICKET_RECORD_FORMAT, record },
      resolution: found,
      receivedAt: now,
    });
    await recordWebhookEvent(db.sql, { eventId, ticketExternalId: ticketId, outcome: "unmatched", now });
    const candidates = found.candidates.map((c) => c.externalId);
    return { status: "unmatched", eventId, ticketId, reason: found.reason, unmatchedId, candidates };
  }
  const customerId = found.customer.externalId;
  const done = await upsertTicketAndQueue({ db, settings, record: { ...record, customer_id: customerId }, now });
  await recordWebhookEvent(db.sql, { eventId, ticketExternalId: ticketId, outcome: "accepted", now });
  return {
    status: "accepted",
    eventId,
    ticketId,
    customerId,
    ...done,
    warnings: [...warnings, ...done.warnings],
    matchedBy: found.rule,
  };
}

/**
 * Upserts one record of the tickets contract (its customer_id set) with ingest's validation (400 with the
 * reasons) and queues the follow-up decision as the webhook does; an unknown agent_id is dropped with a warning.
 */
export async function upsertTicketAndQueue(options: {
  db: Database;
  settings: Pick<OutreachSettings, "maxAgeMs">;
  record: Record<string, unknown>;
  now: Date;
}): Promise<{ change: "new" | "updated" | "unchanged"; queued: number; warnings: string[] }> {
  const { db, settings, now } = options;
  const warnings: string[] = [];
  const record = { ...options.record };
  const agentId = typeof record.agent_id === "string" ? record.agent_id : "";
  if (agentId && !(await agentExists(db.sql, agentId))) {
    warnings.push(`unknown agent "${agentId}": the ticket is stored without an agent`);
    record.agent_id = "";
  }
  const result = await ingestRecords({ db, kind: "tickets", records: [record] });
  if (result.rejected) {
    const problems = result.errors.map((e) => `${e.column}: ${e.reason}`);
    throw new AppError(ErrorCode.BadInput, `the ticket was refused: ${problems.join("; ")}`, result.errors);
  }
  const queued = await enqueueFollowUps({
    db,
    settings,
    ticketIds: result.changedTicketIds,
    source: TriggerSource.Webhook,
    now,
  });
  const change = result.new ? "new" : result.updated ? "updated" : "unchanged";
  return { change, queued, warnings };
}

/**
 * The customer of a ticket event: identity resolution (customer id, contact or customer email, unique
 * domain), else the customer the stored ticket already belongs to (helpdesks that name the requester by
 * their own ids only, once the ticket is known). The one place a ticket event is matched.
 */
export async function findTicketCustomer(
  db: Database,
  ref: CustomerRef,
  stored: StoredTicket | null,
): Promise<Resolution | { status: "matched"; customer: { externalId: string }; rule: "stored_ticket" }> {
  const resolution = await resolveCustomer(db, ref);
  if (resolution.status !== "unmatched" || !stored) return resolution;
  return { status: "matched", customer: { externalId: stored.customerExternalId }, rule: "stored_ticket" };
}

const isDone = (status: string | null | undefined) =>
  (CLOSED_TICKET_STATUSES as readonly string[]).includes(status ?? "");
const earliest = (a: string | null | undefined, b: string | null | undefined) =>
  a && b ? (Date.parse(a) <= Date.parse(b) ? a : b) : (a ?? b ?? null);

/**
 * The ticket after the event: the stored ticket with the event's changes; closed_at set at the event's
 * time when the status becomes solved or closed, cleared (with resolved_at) when it opens again, which
 * also counts a reopen. An agent the event names but Retain does not know is dropped with a warning.
 */
async function mergeTicket(o: {
  db: Database;
  event: TicketEvent;
  stored: StoredTicket | null;
  warnings: string[];
}): Promise<TicketRecord> {
  const { event, warnings } = o;
  const before = o.stored?.record;
  const c = event.changes;
  const at = event.occurredAt.toISOString();
  const status = c.status ?? before?.status ?? "open";
  const wasDone = !!before && isDone(before.status) && before.closed_at !== null;
  const done = isDone(status);
  const reopened = wasDone && !done ? 1 : 0;
  return {
    ticket_id: event.ticketId,
    subject: c.subject !== undefined ? c.subject : (before?.subject ?? null),
    channel: c.channel !== undefined ? c.channel : (before?.channel ?? null),
    priority: c.priority !== undefined ? c.priority : (before?.priority ?? null),
    category: c.category !== undefined ? c.category : (before?.category ?? null),
    agent_id: await resolveAgent(o.db, event.agent, before?.agent_id ?? null, warnings),
    created_at: earliest(c.created_at, before?.created_at) ?? at,
    first_response_at: earliest(c.first_response_at, before?.first_response_at),
    resolved_at: "resolved_at" in c ? (c.resolved_at ?? null) : done && wasDone ? before.resolved_at : null,
    closed_at: "closed_at" in c ? (c.closed_at ?? null) : done ? (wasDone ? before.closed_at : at) : null,
    status,
    reopened_count: Math.max(c.reopened_count ?? 0, (before?.reopened_count ?? 0) + reopened),
    requester_name: c.requester_name !== undefined ? c.requester_name : (before?.requester_name ?? null),
  };
}

async function resolveAgent(
  db: Database,
  agent: TicketEvent["agent"],
  storedId: string | null,
  warnings: string[],
): Promise<string | null> {
  if (agent === undefined) return storedId;
  if (agent === null || (!agent.id && !agent.email)) return null;
  if (agent.id) {
    if (await agentExists(db.sql, agent.id)) return agent.id;
    warnings.push(`unknown agent "${agent.id}": the ticket is stored without an agent`);
    return null;
  }
  const byEmail = await findAgentIdByEmail(db.sql, agent.email!);
  if (!byEmail) warnings.push(`no agent with the email ${agent.email}: the ticket is stored without an agent`);
  return byEmail;
}
