/**
 * What the customer_events log records (customer_state keeps only the current values). The CSM
 * actions of customers/ own these values (other folders read them from customers/index.ts); they
 * sit in this leaf module so that db/, which reads the latest snooze's reason for the list,
 * imports nothing of customers/.
 */
export const CustomerEventKind = {
  Owner: "owner",
  Snooze: "snooze",
  Unsnooze: "unsnooze",
  Contact: "contact",
  NoteEdit: "note_edit",
} as const;
export type CustomerEventKind = (typeof CustomerEventKind)[keyof typeof CustomerEventKind];
