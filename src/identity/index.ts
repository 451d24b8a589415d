/**
 * Identity resolution: which customer a ticket or event from any door is about (resolveCustomer), and
 * the unmatched queue for the ones it cannot tell (queueUnmatched, then link or dismiss). A door that
 * receives an item calls resolveCustomer; on "matched" it processes the item; otherwise it calls
 * queueUnmatched with a payload from which its processor (UnmatchedProcessor, by kind) can later
 * process the item once someone links it. For kind "ticket" store `{ format: "ticket-record", record }`
 * (a record of the tickets contract without customer_id) or the native `{ format: "ticket-closed", ticket }`:
 * outreach's ticket processor handles both, so linked tickets are upserted and followed up like matched ones.
 */
export { addCustomerContact } from "./add-customer-contact.ts";
export { dismissUnmatched } from "./dismiss-unmatched.ts";
export { emailDomain, FREE_MAIL_DOMAINS, isFreeMailDomain, normalizeEmail } from "./free-mail-domains.ts";
export { linkUnmatched, type LinkResult } from "./link-unmatched.ts";
export { listUnmatched } from "./list-unmatched.ts";
export { queueUnmatched, type UnmatchedInput } from "./queue-unmatched.ts";
export {
  MatchRule,
  resolveCustomer,
  type Candidate,
  type CustomerRef,
  type IdentityCustomer,
  type Resolution,
} from "./resolve-customer.ts";
export { retryUnmatched, type RetryResult } from "./retry-unmatched.ts";
export { searchCustomers } from "./search-customers.ts";
export {
  MANUAL_LINK,
  UnmatchedKind,
  UnmatchedStatus,
  type UnmatchedItem,
  type UnmatchedProcessor,
  type UnmatchedProcessors,
} from "./unmatched-item.ts";
