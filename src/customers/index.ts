// The customer view and what a CSM does with a customer (owner, snooze, contact, notes), one at a time or in bulk:
// the use cases both doors call.
export {
  assignOwner,
  markContacted,
  snoozeCustomer,
  unsnoozeCustomer,
  type CustomerStateView,
} from "./customer-actions.ts";
export {
  BULK_LIMIT,
  bulkAssignOwner,
  bulkSnoozeCustomers,
  MAX_SNOOZE_DAYS,
  type BulkOwnerResult,
  type BulkSnoozeResult,
} from "./bulk-customer-actions.ts";
export { buildCustomerTimeline, type TimelineItem } from "./build-customer-timeline.ts";
export { addCustomerNote, editCustomerNote, type CustomerNoteView } from "./customer-note-actions.ts";
export {
  getCustomerDetail,
  isGaugeMetric,
  USAGE_DAYS,
  type CustomerDetail,
} from "./get-customer-detail.ts";
export { hasChurned, requireActiveCustomer, requireCustomer } from "./require-active-customer.ts";
export {
  CONTACT_CHANNELS,
  ContactChannel,
  CustomerEventKind,
  parseTimelineKinds,
  TIMELINE_KINDS,
  TimelineKind,
} from "./timeline-kinds.ts";
