/** The doors a ticket event can come through: the native signed webhook and the vendor-format ones. */
export const TicketEventSource = {
  Webhook: "webhook",
  Zendesk: "zendesk",
  Intercom: "intercom",
  Freshdesk: "freshdesk",
} as const;
export type TicketEventSource = (typeof TicketEventSource)[keyof typeof TicketEventSource];

/** The helpdesks with a vendor-format webhook. */
export type HelpdeskVendor = Exclude<TicketEventSource, "webhook">;
export const HELPDESK_VENDORS: HelpdeskVendor[] = ["zendesk", "intercom", "freshdesk"];

/**
 * What one helpdesk event says about a ticket, in the tickets contract's column names. A field left out
 * keeps its stored value, null clears it. The receiver fills the rest: closed_at and resolved_at when
 * the status becomes solved or closed (the event's time), cleared when it opens again, and a reopen.
 */
export interface TicketChanges {
  subject?: string | null;
  channel?: string | null;
  priority?: string | null;
  category?: string | null;
  /** ISO instants; the earlier of the stored and the given created_at and first_response_at is kept. */
  created_at?: string | null;
  first_response_at?: string | null;
  resolved_at?: string | null;
  closed_at?: string | null;
  status?: string | null;
  /** The helpdesk's own count of reopens, when it keeps one (never lowers the stored count). */
  reopened_count?: number | null;
  requester_name?: string | null;
}

/** A verified ticket event, ready for the shared receive path (outreach's receiveTicketEvent). */
export interface TicketEvent {
  source: TicketEventSource;
  /** The replay key as stored: the native event_id, or `<vendor>:<the vendor's event or delivery id>`. */
  eventId: string;
  /** The ticket's id at the helpdesk (Retain's ticket_id). */
  ticketId: string;
  /** What the event says about the customer: matched by customer id, then email. */
  requester: {
    customerId?: string | null;
    email?: string | null;
    name?: string | null;
    /** The requester's user id at the helpdesk, when the event names them only by it (Zendesk). */
    helpdeskUserId?: string | null;
  };
  /** The assigned agent: an agent id or email (undefined keeps the stored agent, null clears it). */
  agent?: { id?: string | null; email?: string | null } | null;
  changes: TicketChanges;
  /** When it happened at the helpdesk (closings and reopenings are dated by it). */
  occurredAt: Date;
}

/** A parsed vendor request: a ticket event, or a well-formed notification with nothing for Retain. */
export type HelpdeskParse = { kind: "ticket"; event: TicketEvent } | { kind: "ignored"; reason: string };

/** Unix seconds (or an ISO string) → ISO instant; null when absent or unreadable. */
export function toIso(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  const ms = typeof value === "number" ? value * 1000 : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
