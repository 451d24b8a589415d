import {
  agentExists,
  findCustomersByRef,
  hasWebhookEvent,
  insertUnmatched,
  recordWebhookEvent,
  type Database,
} from "../db/index.ts";
import { TriggerSource } from "../outreach-statuses.ts";
import { AppError, ErrorCode } from "../errors.ts";
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
    }
  | { status: "unmatched"; eventId: string; ticketId: string; reason: string };

const REFUSALS: Record<WebhookRefusal, string> = {
  missing_headers: "missing or malformed X-Retain-Signature / X-Retain-Timestamp headers",
  bad_signature:
    "bad signature: expected X-Retain-Signature: sha256=<hex HMAC-SHA256 of `<timestamp>.<raw body>` with the shared secret>",
  stale_timestamp: "X-Retain-Timestamp is too far from now: expected within the tolerance (replayed or clock skew)",
};

/**
 * Handles a ticket-closed webhook: verifies the HMAC signature and timestamp (401), refuses
 * an event id seen before (409), matches the customer by id or requester email (unmatched
 * tickets are kept in a visible list, never dropped), upserts the ticket with the same
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
  const customer = await matchCustomer(db, requester);
  if ("reason" in customer) {
    await insertUnmatched(db.sql, {
      eventId,
      source: TriggerSource.Webhook,
      ticketExternalId: payload.ticket.id,
      customerRef: requester.customer_id ?? null,
      requesterEmail: requester.email ?? null,
      reason: customer.reason,
      payload: JSON.stringify(payload.ticket),
      receivedAt: now,
    });
    await recordWebhookEvent(db.sql, { eventId, ticketExternalId: payload.ticket.id, outcome: "unmatched", now });
    return { status: "unmatched", eventId, ticketId: payload.ticket.id, reason: customer.reason };
  }
  return ingestMatched({
    db,
    settings,
    payload,
    customerExternalId: customer.externalId,
    agentId: agent?.id ?? null,
    now,
  });
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
  const warnings: string[] = [];
  let agentId = options.agentId;
  if (agentId && !(await agentExists(db.sql, agentId))) {
    warnings.push(`unknown agent "${agentId}": the ticket is stored without an agent`);
    agentId = null;
  }
  const result = await ingestRecords({
    db,
    kind: "tickets",
    records: [toTicketRecord(payload, customerExternalId, agentId)],
  });
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
  await recordWebhookEvent(db.sql, {
    eventId: payload.event_id,
    ticketExternalId: payload.ticket.id,
    outcome: "accepted",
    now,
  });
  const change = result.new ? "new" : result.updated ? "updated" : "unchanged";
  return {
    status: "accepted",
    eventId: payload.event_id,
    ticketId: payload.ticket.id,
    customerId: customerExternalId,
    change,
    queued,
    warnings,
  };
}

/** The customer by id (ours), else by requester email; a reason when none or several match. */
export async function matchCustomer(
  db: Database,
  requester: { email?: string | null; customer_id?: string | null },
): Promise<{ externalId: string } | { reason: string }> {
  if (requester.customer_id) {
    const [byId] = await findCustomersByRef(db.sql, { externalId: requester.customer_id });
    if (byId) return byId;
  }
  if (requester.email) {
    const byEmail = await findCustomersByRef(db.sql, { email: requester.email });
    if (byEmail.length === 1) return byEmail[0];
    if (byEmail.length > 1)
      return {
        reason: `${byEmail.length} customers have the email ${requester.email}: ${byEmail.map((c) => c.externalId).join(", ")}`,
      };
  }
  const tried = [
    requester.customer_id && `customer_id "${requester.customer_id}"`,
    requester.email && `email "${requester.email}"`,
  ]
    .filter(Boolean)
    .join(" or ");
  return { reason: `no customer with ${tried}` };
}
