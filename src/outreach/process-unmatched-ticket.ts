import type { Database } from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import type { UnmatchedProcessor } from "../identity/index.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { ingestMatched, upsertTicketAndQueue } from "./receive-ticket-webhook.ts";
import { ticketClosedPayload } from "./ticket-webhook-payload.ts";
import { TICKET_CLOSED_FORMAT, TICKET_RECORD_FORMAT } from "./unmatched-ticket-formats.ts";

/**
 * The processor of unmatched tickets: a linked ticket is upserted and its follow-up queued exactly as the
 * native webhook does for a matched one. Payloads: `{ format: "ticket-closed", ticket }` (the native event's
 * ticket) or `{ format: "ticket-record", record }` (a tickets-contract record; its customer_id is set here).
 */
export function unmatchedTicketProcessor(o: {
  db: Database;
  settings: Pick<OutreachSettings, "maxAgeMs">;
  now: () => Date;
}): UnmatchedProcessor {
  return async (item, customer) => {
    const p = (item.payload ?? {}) as { format?: unknown; ticket?: unknown; record?: unknown };
    let done: { change: string; queued: number; warnings: string[] };
    if (p.format === TICKET_RECORD_FORMAT && p.record && typeof p.record === "object") {
      const record = { ...(p.record as Record<string, unknown>), customer_id: customer.externalId };
      done = await upsertTicketAndQueue({ db: o.db, settings: o.settings, record, now: o.now() });
    } else if (p.format === TICKET_CLOSED_FORMAT) {
      const parsed = ticketClosedPayload.safeParse({
        event_id: item.eventId ?? `unmatched-${item.id}`,
        ticket: p.ticket,
      });
      if (!parsed.success)
        throw new AppError(ErrorCode.BadInput, `item ${item.id}: the stored ticket is not a ticket.closed ticket`);
      done = await ingestMatched({
        db: o.db,
        settings: o.settings,
        payload: parsed.data,
        customerExternalId: customer.externalId,
        agentId: parsed.data.ticket.agent?.id ?? null,
        now: o.now(),
      });
    } else
      throw new AppError(
        ErrorCode.BadInput,
        `item ${item.id}: expected a ticket payload of format ${TICKET_CLOSED_FORMAT} or ${TICKET_RECORD_FORMAT}, ` +
          `found ${JSON.stringify(p.format ?? null)}`,
      );
    const queued = done.queued === 1 ? "1 follow-up decision queued" : `${done.queued} follow-up decisions queued`;
    const warned = done.warnings.length ? ` (${done.warnings.join("; ")})` : "";
    return `ticket ${item.externalId} ${done.change} for ${customer.externalId}, ${queued}${warned}`;
  };
}
