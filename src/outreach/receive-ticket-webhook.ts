import { agentExists, hasWebhookEvent, recordWebhookEvent, type Database } from "../db/index.ts";
import { TriggerSource } from "../outreach-statuses.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { queueUnmatched, resolveCustomer, UnmatchedKind, type CustomerRef } from "../identity/index.ts";
import { ingestRecords } from "../ingest/index.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { enqueueFollowUps } from "./run-outreach.ts";
import { parseTicketClosedPayload, toTicketRecord, type TicketClosedPayload } from "./ticket-webhook-payload.ts";
import { verifyWebhookSignature, type WebhookRefusal } from "./webhook-signature.ts";

export type TicketWebhookResult =
  | {
      status: "accepted";
      eventId: string;
      ticketId: string;
      customerId: string;
      change: "new" | "updated" | "unchanged";
      queued: number;
      warnings: string[];
      /** The identity rule that found the customer (external_id, contact_email, email, domain). */
      matchedBy?: string;
    }
  | {
      status: "unmatched";
      eventId: string;
      ticketId: string;
      reason: string;
      /** Its id in the unmatched queue (the Unmatched page, GET /api/v1/unmatched). */
      unmatchedId: number;
      /** The customers it may belong to (ids), when several matched. */
      candidates: string[];
    };

const REFUSALS: Record<WebhookRefusal, string> = {
  missing_headers: "missing or malformed X-Retain-Signature / X-Retain-Timestamp headers",
  bad_signature:
    "bad signature: expected X-Retain-Signature: sha256=<hex HMAC-SHA256 of `<timestamp>.<raw body>` with the shared secret>",
  stale_timestamp: "X-Retain-Timestamp is too far from now: expected within the tolerance (replayed or clock skew)",
};

/**
 * Handles a ticket-closed webhook: verifies the HMAC signature and timestamp (401), refuses
 * an event id seen before (409), resolves the customer (identity/: id, email, domain; an
 * unmatched or ambiguous ticket goes to the unmatched queue, never dropped), upserts the ticket with the same
 * validation as HTTP ingest (400 on a bad ticket) and queues the follow-up decision.
 */
export async function receiveTicketWebhook(options: {
  db: Database;
  settings: Pick<OutreachSettings, "webhookSecret" | "webhookToleranceMs" | "maxAgeMs">;
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  now?: Date;
}): Promise<TicketWebhookResult> {
  const { db, settings, rawBody, now = new Date() } = options;
  if (!settings.webhookSecret)
    throw new AppError(ErrorCode.Unauthorized, "the ticket webhook is off: set RETAIN_WEBHOOK_SECRET on the server");
  const check = verifyWebhookSignature({
    secret: settings.webhookSecret,
    body: rawBody,
    signature: options.signature,
    timestamp: options.timestamp,
    nowMs: now.getTime(),
    toleranceMs: settings.webhookToleranceMs,
  });
  if (!check.ok) throw new AppError(ErrorCode.Unauthorized, REFUSALS[check.refusal]);
  const payload = parseTicketClosedPayload(rawBody);
  const eventId = payload.event_id;
  if (await hasWebhookEvent(db.sql, eventId))
    throw new AppError(ErrorCode.Conflict, `event ${eventId} was already processed: a replay is ignored`);
  const { requester, agent } = payload.ticket;
  const name = "name" in requester && typeof requester.name === "string" ? requester.name : null;
  const ref: CustomerRef = { externalId: requester.customer_id ?? null, email: requester.email ?? null, name };
  const resolution = await resolveCustomer(db, ref);
  if (resolution.status !== "matched") {
    const unmatchedId = await queueUnmatched(db, {
      kind: UnmatchedKind.Ticket,
      source: TriggerSource.Webhook,
      eventId,
      externalId: payload.ticket.id,
      ref,
      subject: payload.ticket.subject ?? null,
      payload: { format: TICKET_CLOSED_FORMAT, ticket: payload.ticket },
      resolution,
      receivedAt: now,
    });
    await recordWebhookEvent(db.sql, { eventId, ticketExternalId: payload.ticket.id, outcome: "unmatched", now });
    return {
      status: "unmatched",
      eventId,
      ticketId: payload.ticket.id,
      reason: resolution.reason,
      unmatchedId,
      candidates: resolution.candidates.map((c) => c.externalId),
    };
  }
  const accepted = await ingestMatched({
    db,
    settings,
    payload,
    customerExternalId: resolution.customer.externalId,
    agentId: agent?.id ?? null,
    now,
  });
  return { ...accepted, matchedBy: resolution.rule };
}

/** The unmatched queue's payload format of a native ticket-closed event's ticket. */
export const TICKET_CLOSED_FORMAT = "ticket-closed";

/** Upserts the ticket of a matched customer and queues it; an unknown agent is dropped with a warning. */
export async function ingestMatched(options: {
  db: Database;
  settings: Pick<OutreachSettings, "maxAgeMs">;
  payload: TicketClosedPayload;
  customerExternalId: string;
  agentId: string | null;
  now: Date;
}): Promise<Extract<TicketWebhookResult, { status: "accepted" }>> {
  const { db, settings, payload, customerExternalId, now } = options;
  const done = await upsertTicketAndQueue({
    db,
    settings,
    record: toTicketRecord(payload, customerExternalId, options.agentId),
    now,
  });
  await recordWebhookEvent(db.sql, {
    eventId: payload.event_id,
    ticketExternalId: payload.ticket.id,
    outcome: "accepted",
    now,
  });
  return {
    status: "accepted",
    eventId: payload.event_id,
    ticketId: payload.ticket.id,
    customerId: customerExternalId,
    ...done,
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
