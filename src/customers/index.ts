// The customer view and what a CSM does with a customer (owner, snooze, contact, notes): the use cases both doors call.
export {
  addCustomerNote,
  assignOwner,
  markContacted,
  snoozeCustomer,
  unsnoozeCustomer,
  type CustomerStateView,
} from "./customer-actions.ts";
export { getCustomerDetail, requireCustomer, USAGE_DAYS, type CustomerDetail } from "./get-customer-detail.ts";
