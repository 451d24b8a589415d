import type { Database } from "../db/index.ts";
import { findStoredTicket } from "../db/repositories/helpdesk-tickets.ts";
import { readHelpdeskRequest, type HelpdeskVendor, type ZendeskRequester } from "../helpdesk/index.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { receiveTicketEvent, type TicketEventResult } from "./receive-ticket-event.ts";

/** What a vendor-format helpdesk webhook did: as the native webhook, or ignored (a well-formed event with nothing for Retain). */
export type HelpdeskWebhookResult = TicketEventResult | { status: "ignored"; vendor: HelpdeskVendor; reason: string };

/**
 * POST /api/v1/webhooks/<vendor>: checks the request the way the vendor signs it (404 while its secret is
 * unset, 401 bad signature or stale), maps the vendor's ticket (400 when it is not the vendor's shape) and
 * receives it exactly like the native ticket-closed webhook (409 replay, 202 unmatched, follow-up queued).
 */
export async function receiveHelpdeskWebhook(options: {
  db: Database;
  settings: Pick<OutreachSettings, "maxAgeMs" | "webhookToleranceMs">;
  secrets: Partial<Record<HelpdeskVendor, string>>;
  vendor: HelpdeskVendor;
  rawBody: Buffer;
  header: (name: string) => string | undefined;
  now: Date;
  /** Zendesk's Users API (RETAIN_ZENDESK_URL and RETAIN_ZENDESK_API_TOKEN): the requester's email and name. */
  zendeskRequester?: (userId: string, nowMs: number) => Promise<ZendeskRequester | { problem: string }>;
}): Promise<HelpdeskWebhookResult> {
  const { db, settings, vendor, now } = options;
  const parsed = readHelpdeskRequest({
    vendor,
    secret: options.secrets[vendor],
    rawBody: options.rawBody,
    header: options.header,
    now,
    toleranceMs: settings.webhookToleranceMs,
  });
  if (parsed.kind === "ignored") return { status: "ignored", vendor, reason: parsed.reason };
  const event = parsed.event;
  if (vendor === "freshdesk") {
    // Freshdesk sends no event id: its replay key is the body's hash, scoped by the ticket's reopen count, so a
    // ticket resolved, reopened and resolved again (the same body twice) is a new resolution, not a replay.
    const stored = await findStoredTicket(db.sql, event.ticketId);
    event.eventId = `${event.eventId}:r${stored?.record.reopened_count ?? 0}`;
  }
  const warnings: string[] = [];
  const userId = event.requester.helpdeskUserId;
  if (vendor === "zendesk" && userId && options.zendeskRequester) {
    const found = await options.zendeskRequester(userId, now.getTime());
    if ("problem" in found) warnings.push(`${found.problem}: the requester was matched by organization id only`);
    else event.requester = { ...event.requester, ...found, customerId: found.customerId ?? event.requester.customerId };
    if (!("problem" in found) && found.name) event.changes.requester_name = found.name;
  }
  return receiveTicketEvent({ db, settings, event, now, warnings });
}
