import { createHmac } from "node:crypto";
import { z } from "zod";
import { checkVendorValue, parseVendorJson, sameSecret } from "./vendor-request.ts";
import { type HelpdeskParse, TicketEventSource, toIso } from "./ticket-event.ts";

export const ZENDESK_SIGNATURE_HEADER = "x-zendesk-webhook-signature";
export const ZENDESK_TIMESTAMP_HEADER = "x-zendesk-webhook-signature-timestamp";

/** Zendesk's signature: base64(HMAC-SHA256(signing secret, timestamp header + raw body)), no separator. */
export function signZendesk(options: { secret: string; timestamp: string; body: Buffer | string }): string {
  return createHmac("sha256", options.secret).update(options.timestamp).update(options.body).digest("base64");
}

/** Why a request is refused (401), or null when its signature is Zendesk's and its timestamp recent. */
export function verifyZendesk(options: {
  secret: string;
  body: Buffer;
  signature?: string;
  timestamp?: string;
  nowMs: number;
  toleranceMs: number;
}): string | null {
  const { secret, body, signature, timestamp, nowMs, toleranceMs } = options;
  if (!signature || !timestamp)
    return "missing X-Zendesk-Webhook-Signature / X-Zendesk-Webhook-Signature-Timestamp headers: is the webhook signed?";
  if (!sameSecret(signature.trim(), signZendesk({ secret, timestamp, body })))
    return "bad signature: expected X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(RETAIN_ZENDESK_SECRET, timestamp + raw body))";
  const at = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : Date.parse(timestamp);
  if (!Number.isFinite(at) || Math.abs(nowMs - at) > toleranceMs)
    return (
      `X-Zendesk-Webhook-Signature-Timestamp ${timestamp} is too far from now: ` +
      `expected within ${toleranceMs / 1000} s (replayed or clock skew)`
    );
  return null;
}

const id = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);
const text = z.string().max(1000).nullish();

/** Zendesk's event envelope (zendesk_event_version 2022-11-06); `detail` is the ticket after the event. */
const envelope = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(200),
  time: z.string().nullish(),
  detail: z.looseObject({}).nullish(),
  event: z.looseObject({}).nullish(),
});

const ticketDetail = z.looseObject({
  id,
  subject: text,
  status: text,
  priority: text,
  created_at: text,
  updated_at: text,
  assignee_id: id.nullish(),
  organization_id: id.nullish(),
  requester_id: id.nullish(),
  via: z.looseObject({ channel: text }).nullish(),
});

/** Zendesk's statuses → Retain's; deleted, archived and scrubbed tickets have none. */
const STATUSES: Record<string, string> = {
  NEW: "open",
  OPEN: "open",
  PENDING: "pending",
  HOLD: "pending",
  SOLVED: "solved",
  CLOSED: "closed",
};

/** Zendesk's via.channel → Retain's channel. */
export function zendeskChannel(via: string | null | undefined): string | null {
  const c = (via ?? "").toLowerCase();
  if (!c) return null;
  if (c === "email" || c === "mail") return "email";
  if (/chat|messaging|sunshine/.test(c)) return "chat";
  if (/voice|phone|call|sms/.test(c)) return "phone";
  if (/twitter|facebook|instagram|whatsapp|social|line|wechat/.test(c)) return "social";
  if (c === "web" || /^web_(form|widget)|help_center|portal/.test(c)) return "web"; // web_service is the API

  return "other";
}

const comment = z.looseObject({
  comment: z.looseObject({
    is_public: z.boolean().nullish(),
    author: z.looseObject({ is_staff: z.boolean().nullish() }).nullish(),
  }),
});

/**
 * A Zendesk event webhook body → the ticket event. Ticket events (created, status changed, comment added,
 * priority changed, …) carry the whole ticket in `detail`; a public comment by staff dates the first
 * response. Other event types (users, organizations) and deleted or archived tickets are ignored.
 * The requester is named only by Zendesk ids: the organization id is tried as the customer id, unless the
 * Users API is configured (zendeskRequesterLookup), which gives the requester's email and name.
 */
export function parseZendesk(raw: Buffer): HelpdeskParse {
  const body = parseVendorJson(raw, envelope, "a Zendesk event (id, type, detail)");
  if (!body.type.startsWith("zen:event-type:ticket."))
    return { kind: "ignored", reason: `Zendesk event type ${body.type} is not a ticket event: nothing to do` };
  const detail = checkVendorValue(body.detail, ticketDetail, "a Zendesk ticket event", "detail");
  const current = body.type.endsWith(".status_changed") ? String(body.event?.current ?? "") : "";
  const zendeskStatus = (current || detail.status || "").toUpperCase();
  const status = zendeskStatus ? STATUSES[zendeskStatus] : undefined;
  if (zendeskStatus && !status)
    return { kind: "ignored", reason: `Zendesk ticket ${detail.id} is ${zendeskStatus.toLowerCase()}: nothing to do` };
  const occurredAt = new Date(toIso(body.time ?? detail.updated_at) ?? Date.now());
  const staffReply = body.type.endsWith(".comment_added") && comment.safeParse(body.event).data?.comment;
  return {
    kind: "ticket",
    event: {
      source: TicketEventSource.Zendesk,
      eventId: `zendesk:${body.id}`,
      ticketId: detail.id,
      requester: { customerId: detail.organization_id ?? null, helpdeskUserId: detail.requester_id ?? null },
      agent: detail.assignee_id === undefined ? undefined : { id: detail.assignee_id },
      changes: {
        ...(detail.subject ? { subject: detail.subject } : {}),
        ...(detail.via?.channel ? { channel: zendeskChannel(detail.via.channel) } : {}),
        ...(detail.priority ? { priority: detail.priority.toLowerCase() } : {}),
        ...(status ? { status } : {}),
        ...(toIso(detail.created_at) ? { created_at: toIso(detail.created_at) } : {}),
        ...(staffReply && staffReply.is_public !== false && staffReply.author?.is_staff
          ? { first_response_at: occurredAt.toISOString() }
          : {}),
      },
      occurredAt,
    },
  };
}
