import { TICKET_CLOSED_FORMAT } from "./unmatched-ticket-formats.ts";
import { recordWebhookEvent, type Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { TicketEventSource, type TicketChanges, type TicketEvent } from "../helpdesk/index.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { receiveTicketEvent, upsertTicketAndQueue, type TicketEventResult } from "./receive-ticket-event.ts";
import { parseTicketClosedPayload, toTicketRecord, type TicketClosedPayload } from "./ticket-webhook-payload.ts";
import { verifyWebhookSignature, type WebhookRefusal } from "./webhook-signature.ts";

export { upsertTicketAndQueue };

/** What the native webhook did: the shared receive path's answer. */
export type TicketWebhookResult = TicketEventResult;

const REFUSALS: Record<WebhookRefusal, string> = {
  missing_headers: "missing or malformed X-Retain-Signature / X-Retain-Timestamp headers",
  bad_signature:
    "bad signature: expected X-Retain-Signature: sha256=<hex HMAC-SHA256 of `<timestamp>.<raw body>` with the shared secret>",
  stale_timestamp: "X-Retain-Timestamp is too far from now: expected within the tolerance (replayed or clock skew)",
};

/**
 * Handles a ticket-closed webhook: verifies the HMAC signature and timestamp (401) and the payload (400),
 * then receives it on the path every helpdesk door shares (receiveTicketEvent): a replayed event id is
 * refused (409), the customer resolved (identity/; unmatched or ambiguous tickets are queued, never
 * dropped), the ticket upserted with the same validation as HTTP ingest (400) and the follow-up queued.
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
  return receiveTicketEvent({
    db,
    settings,
    event: ticketClosedEvent(payload),
    now,
    unmatchedPayload: { format: TICKET_CLOSED_FORMAT, ticket: payload.ticket },
  });
}

/** The native event as the shared receive path's ticket event (fields it leaves out keep their stored values). */
function ticketClosedEvent(payload: TicketClosedPayload): TicketEvent {
  const t = payload.ticket;
  const changes: TicketChanges = {
    status: t.status ?? "closed",
    created_at: t.created_at,
    closed_at: t.closed_at,
    reopened_count: t.reopened_count ?? 0,
  };
  for (const key of ["subject", "channel", "priority", "category", "first_response_at", "resolved_at"] as const)
    if (t[key] !== null && t[key] !== undefined) changes[key] = t[key];
  if (t.requester.name) changes.requester_name = t.requester.name;
  return {
    source: TicketEventSource.Webhook,
    eventId: payload.event_id,
    ticketId: t.id,
    requester: {
      customerId: t.requester.customer_id ?? null,
      email: t.requester.email ?? null,
      name: t.requester.name ?? null,
    },
    agent: t.agent ? { id: t.agent.id ?? null } : undefined,
    changes,
    occurredAt: new Date(Date.parse(t.closed_at) || Date.now()),
  };
}

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
