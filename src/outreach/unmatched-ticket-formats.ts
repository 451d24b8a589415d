// The unmatched queue's payload formats of a ticket, in a leaf the doors and the processor both import.

/** A native ticket-closed webhook payload. */
export const TICKET_CLOSED_FORMAT = "ticket-closed";

/** A record of the tickets contract (any helpdesk door). */
export const TICKET_RECORD_FORMAT = "ticket-record";
