import { createHmac } from "node:crypto";
import { z } from "zod";
import { checkVendorValue, parseVendorJson, sameSecret } from "./vendor-request.ts";
import { type HelpdeskParse, TicketEventSource, toIso } from "./ticket-event.ts";

export const INTERCOM_SIGNATURE_HEADER = "x-hub-signature";
/**
 * Intercom signs the body only (no signed timestamp), so a notification is stale by its own `created_at`:
 * Intercom delays notifications by up to 2 hours when it throttles, so older than a day is not a delivery.
 */
export const INTERCOM_MAX_AGE_MS = 24 * 3_600_000;

/** Intercom's signature: `sha1=` + hex HMAC-SHA1 of the raw body with the app's client secret. */
export function signIntercom(options: { secret: string; body: Buffer | string }): string {
  return `sha1=${createHmac("sha1", options.secret).update(options.body).digest("hex")}`;
}

/** Why a request is refused (401), or null when Intercom signed it. */
export function verifyIntercom(options: { secret: string; body: Buffer; signature?: string }): string | null {
  if (!options.signature) return "missing X-Hub-Signature header";
  if (!sameSecret(options.signature.trim(), signIntercom(options)))
    return "bad signature: expected X-Hub-Signature = sha1=<hex HMAC-SHA1 of the raw body with RETAIN_INTERCOM_SECRET>";
  return null;
}

const id = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);
const text = z.string().max(100_000).nullish();
const seconds = z.number().nullish();

const notification = z.object({
  type: z.literal("notification_event"),
  id: z.string().min(1).max(200),
  topic: z.string().min(1).max(200),
  created_at: z.number(),
  data: z.object({ item: z.looseObject({ type: z.string().nullish() }) }),
});

const conversation = z.looseObject({
  id,
  created_at: seconds,
  title: text,
  state: z.string().nullish(),
  open: z.boolean().nullish(),
  priority: z.string().nullish(),
  admin_assignee_id: id.nullish(),
  source: z
    .looseObject({
      type: z.string().nullish(),
      subject: text,
      body: text,
      author: z.looseObject({ type: z.string().nullish(), email: text, name: text }).nullish(),
    })
    .nullish(),
  statistics: z
    .looseObject({
      first_admin_reply_at: seconds,
      last_close_at: seconds,
      count_reopens: z.number().int().min(0).nullish(),
    })
    .nullish(),
});

/** Intercom's source.type → Retain's channel. */
export function intercomChannel(type: string | null | undefined): string | null {
  const t = (type ?? "").toLowerCase();
  if (!t) return null;
  if (t === "email") return "email";
  if (t === "conversation" || t === "chat" || t === "messenger") return "chat";
  if (/phone|call|sms/.test(t)) return "phone";
  if (/twitter|facebook|instagram|whatsapp/.test(t)) return "social";
  return "other";
}

/** A subject for a conversation without a title: its first words, without HTML. */
function firstWords(html: string | null | undefined): string | null {
  const plain = (html ?? "")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain ? plain.slice(0, 120) : null;
}

/**
 * An Intercom webhook notification → the ticket event: conversation topics (conversation.admin.closed,
 * conversation.admin.opened, conversation.user.replied, …) carry the conversation, which maps to a ticket
 * (state open/snoozed/closed, statistics for the first reply, the last close and the reopen count).
 * The `ping` sent when the webhook is saved, and other topics, are ignored.
 */
export function parseIntercom(raw: Buffer): HelpdeskParse {
  const body = parseVendorJson(raw, notification, "an Intercom notification_event (id, topic, created_at, data.item)");
  if (!body.topic.startsWith("conversation.") || body.data.item.type !== "conversation")
    return { kind: "ignored", reason: `Intercom topic ${body.topic} is not about a conversation: nothing to do` };
  const c = checkVendorValue(body.data.item, conversation, "an Intercom conversation", "data.item");
  const state = (c.state ?? (c.open === false ? "closed" : "open")).toLowerCase();
  const status = state === "closed" ? "closed" : state === "snoozed" ? "pending" : "open";
  const author = c.source?.author;
  const person = author && ["user", "lead", "contact"].includes(author.type ?? "") ? author : null;
  const closedAt = status === "closed" ? toIso(c.statistics?.last_close_at) : null;
  return {
    kind: "ticket",
    event: {
      source: TicketEventSource.Intercom,
      eventId: `intercom:${body.id}`,
      ticketId: c.id,
      requester: { email: person?.email ?? null, name: person?.name ?? null },
      agent:
        c.admin_assignee_id === undefined
          ? undefined
          : { id: c.admin_assignee_id === "0" ? null : c.admin_assignee_id },
      changes: {
        subject: c.title || c.source?.subject || firstWords(c.source?.body),
        ...(c.source?.type ? { channel: intercomChannel(c.source.type) } : {}),
        ...(c.priority ? { priority: c.priority === "priority" ? "high" : "normal" } : {}),
        status,
        ...(toIso(c.created_at) ? { created_at: toIso(c.created_at) } : {}),
        ...(toIso(c.statistics?.first_admin_reply_at)
          ? { first_response_at: toIso(c.statistics?.first_admin_reply_at) }
          : {}),
        ...(closedAt ? { closed_at: closedAt, resolved_at: closedAt } : {}),
        ...(typeof c.statistics?.count_reopens === "number" ? { reopened_count: c.statistics.count_reopens } : {}),
        ...(person?.name ? { requester_name: person.name } : {}),
      },
      occurredAt: new Date(body.created_at * 1000),
    },
  };
}

/** The notification's `created_at` as epoch ms, for the staleness check (after the signature). */
export function intercomCreatedAt(raw: Buffer): number | null {
  try {
    const at = (JSON.parse(raw.toString("utf8")) as { created_at?: unknown }).created_at;
    return typeof at === "number" ? at * 1000 : null;
  } catch {
    return null;
  }
}
