import type { Database } from "../db/index.ts";
import { listUnmatched, resolveUnmatched } from "../db/repositories/outreach-webhooks.ts";
import { isAppError } from "../errors.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { ingestMatched, matchCustomer } from "./receive-ticket-webhook.ts";
import { ticketClosedPayload } from "./ticket-webhook-payload.ts";

/**
 * Tries the unmatched tickets again (after the missing customers were imported): each one
 * that now matches is upserted, queued for a follow-up and marked resolved.
 */
export async function retryUnmatched(options: {
  db: Database;
  settings: Pick<OutreachSettings, "maxAgeMs">;
  now?: Date;
}): Promise<{ tried: number; resolved: number; still: { id: number; reason: string }[] }> {
  const { db, settings, now = new Date() } = options;
  const open = await listUnmatched(db.sql, { limit: 10_000 });
  const still: { id: number; reason: string }[] = [];
  let resolved = 0;
  for (const u of open) {
    const payload = ticketClosedPayload.parse({
      event_id: u.eventId ?? `unmatched-${u.id}`,
      ticket: JSON.parse(u.payload),
    });
    const customer = await matchCustomer(db, payload.ticket.requester);
    if ("reason" in customer) {
      still.push({ id: u.id, reason: customer.reason });
      continue;
    }
    try {
      await ingestMatched({
        db,
        settings,
        payload,
        customerExternalId: customer.externalId,
        agentId: payload.ticket.agent?.id ?? null,
        now,
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      still.push({ id: u.id, reason: error.message });
      continue;
    }
    if (await resolveUnmatched(db.sql, { id: u.id, now })) resolved++;
  }
  return { tried: open.length, resolved, still };
}
