/**
 * Helpdesk webhooks in their vendors' own formats (Zendesk, Intercom, Freshdesk): each verified the way
 * its vendor signs and mapped to one TicketEvent, which outreach receives exactly like the native
 * ticket-closed webhook (receiveTicketEvent). Pure: no database, no HTTP server.
 */
export { FRESHDESK_SECRET_HEADER, freshdeskChannel, parseFreshdesk, verifyFreshdesk } from "./freshdesk.ts";
export {
  INTERCOM_MAX_AGE_MS,
  INTERCOM_SIGNATURE_HEADER,
  intercomChannel,
  parseIntercom,
  signIntercom,
} from "./intercom.ts";
export { HELPDESK_SECRET_VARIABLES, readHelpdeskRequest } from "./read-helpdesk-request.ts";
export {
  HELPDESK_VENDORS,
  type HelpdeskParse,
  type HelpdeskVendor,
  type TicketChanges,
  type TicketEvent,
  TicketEventSource,
  toIso,
} from "./ticket-event.ts";
export { type ZendeskRequester, zendeskRequesterLookup } from "./zendesk-requester.ts";
export {
  parseZendesk,
  signZendesk,
  verifyZendesk,
  ZENDESK_SIGNATURE_HEADER,
  ZENDESK_TIMESTAMP_HEADER,
  zendeskChannel,
} from "./zendesk.ts";
