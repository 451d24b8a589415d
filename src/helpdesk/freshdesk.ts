import { createHash } from "node:crypto";
import { z } from "zod";
import { parseVendorJson, sameSecret } from "./vendor-request.ts";
import { type HelpdeskParse, TicketEventSource, toIso } from "./ticket-event.ts";

/** Freshdesk's automation webhooks are not signed: the rule sends the shared secret in this header. */
export const FRESHDESK_SECRET_HEADER = "x-retain-freshdesk-secret";

/** Why a request is refused (401), or null when it carries the shared secret (compared in constant time). */
export function verifyFreshdesk(options: { secret: string; given?: string }): string | null {
  if (!options.given) return "missing X-Retain-Freshdesk-Secret header: add it to the rule's webhook (Custom headers)";
  if (!sameSecret(options.given.trim(), options.secret))
    return "bad secret: X-Retain-Freshdesk-Secret does not match RETAIN_FRESHDESK_SECRET";
  return null;
}

/** A placeholder Freshdesk could not fill arrives as itself (`{{ticket.agent.email}}`) or empty: absent. */
const value = z
  .union([z.string().max(100_000), z.number()])
  .nullish()
  .transform((v) => {
    const s = v === null || v === undefined ? "" : String(v).trim();
    return s === "" || /^\{\{.*\}\}$/.test(s) ? null : s;
  });

const body = z.object({
  ticket: z.object({
    id: value.refine((v) => v !== null, "the ticket id ({{ticket.id}})"),
    subject: value,
    status: value,
    priority: value,
    source: value,
    type: value,
    created_at: value,
    requester: z.object({ email: value, name: value }).nullish(),
    agent: z.object({ email: value, name: value }).nullish(),
  }),
  triggered_event: value,
});

const STATUSES: Record<string, string> = { open: "open", pending: "pending", resolved: "solved", closed: "closed" };
const PRIORITIES: Record<string, string> = { low: "low", medium: "normal", high: "high", urgent: "urgent" };

/** Freshdesk's source names → Retain's channel. */
export function freshdeskChannel(source: string | null): string | null {
  const s = (source ?? "").toLowerCase();
  if (!s) return null;
  if (s.includes("email")) return "email";
  if (s.includes("chat")) return "chat";
  if (s.includes("phone")) return "phone";
  if (/portal|widget|forum|web/.test(s)) return "web";
  if (/twitter|facebook|instagram|whatsapp|social/.test(s)) return "social";
  return "other";
}

/**
 * A Freshdesk automation webhook (the JSON body of README "Freshdesk") → the ticket event. Statuses
 * Open, Pending, Resolved and Closed map to Retain's; any custom status counts as pending. The replay
 * key is a hash of the body: Freshdesk sends no event id, so an identical body is the same delivery.
 */
export function parseFreshdesk(raw: Buffer, now: Date): HelpdeskParse {
  const { ticket: t } = parseVendorJson(
    raw,
    body,
    "the Freshdesk webhook body of README “Freshdesk” (ticket.id, ticket.status, …)",
  );
  const status = t.status ? (STATUSES[t.status.toLowerCase()] ?? "pending") : undefined;
  const created = t.created_at && /(Z|[+-]\d\d:?\d\d)$/.test(t.created_at) ? toIso(t.created_at) : null;
  return {
    kind: "ticket",
    event: {
      source: TicketEventSource.Freshdesk,
      eventId: `freshdesk:${createHash("sha256").update(raw).digest("hex").slice(0, 40)}`,
      ticketId: t.id!,
      requester: { email: t.requester?.email ?? null, name: t.requester?.name ?? null },
      agent: t.agent?.email ? { email: t.agent.email } : undefined,
      changes: {
        ...(t.subject ? { subject: t.subject } : {}),
        ...(t.source ? { channel: freshdeskChannel(t.source) } : {}),
        ...(t.priority ? { priority: PRIORITIES[t.priority.toLowerCase()] ?? null } : {}),
        ...(t.type ? { category: t.type } : {}),
        ...(status ? { status } : {}),
        ...(created ? { created_at: created } : {}),
        ...(t.requester?.name ? { requester_name: t.requester.name } : {}),
      },
      occurredAt: now,
    },
  };
}
