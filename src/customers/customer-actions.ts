import {
  getCustomerState,
  insertCustomerNote,
  setCustomerState,
  type CustomerNote,
  type CustomerState,
  type Database,
} from "../db/index.ts";
import { requireCustomer } from "./get-customer-detail.ts";

const DAY_MS = 86_400_000;

/** The CSM-facing part of a customer's state after an action. */
export interface CustomerStateView {
  customerId: string;
  owner: string | null;
  ownerOverride: string | null;
  snoozedUntil: Date | null;
  lastContactedAt: Date | null;
}

async function stateView(
  db: Database,
  customer: { id: number; externalId: string; ownerEmail: string | null },
): Promise<CustomerStateView> {
  const s: CustomerState | null = await getCustomerState(db.sql, customer.id);
  return {
    customerId: customer.externalId,
    owner: s?.ownerEmail ?? customer.ownerEmail,
    ownerOverride: s?.ownerEmail ?? null,
    snoozedUntil: s?.snoozedUntil ?? null,
    lastContactedAt: s?.lastContactedAt ?? null,
  };
}

/** Makes `email` the customer's owner CSM (overriding the imported owner); null returns to the imported one. */
export async function assignOwner(
  db: Database,
  options: { customerId: string; email: string | null; now?: Date },
): Promise<CustomerStateView> {
  const c = await requireCustomer(db, options.customerId);
  await setCustomerState(db.sql, { customerId: c.id, fields: { ownerEmail: options.email }, now: options.now });
  return stateView(db, c);
}

/** Snoozes a customer for `days` from now: off the at-risk list, and the outreach sender skips them until then. */
export async function snoozeCustomer(
  db: Database,
  options: { customerId: string; days: number; now?: Date },
): Promise<CustomerStateView> {
  const { now = new Date() } = options;
  const c = await requireCustomer(db, options.customerId);
  await setCustomerState(db.sql, {
    customerId: c.id,
    fields: { snoozedUntil: new Date(now.getTime() + options.days * DAY_MS) },
    now,
  });
  return stateView(db, c);
}

/** Ends a snooze now. */
export async function unsnoozeCustomer(
  db: Database,
  options: { customerId: string; now?: Date },
): Promise<CustomerStateView> {
  const c = await requireCustomer(db, options.customerId);
  await setCustomerState(db.sql, { customerId: c.id, fields: { snoozedUntil: null }, now: options.now });
  return stateView(db, c);
}

/** Records that a CSM contacted the customer (the follow-up frequency cap counts it). */
export async function markContacted(
  db: Database,
  options: { customerId: string; at?: Date; now?: Date },
): Promise<CustomerStateView> {
  const { now = new Date() } = options;
  const c = await requireCustomer(db, options.customerId);
  await setCustomerState(db.sql, { customerId: c.id, fields: { lastContactedAt: options.at ?? now }, now });
  return stateView(db, c);
}

/** Adds a note by `author` (the signed-in key's name). */
export async function addCustomerNote(
  db: Database,
  options: { customerId: string; author: string; body: string; now?: Date },
): Promise<Omit<CustomerNote, "customerId"> & { customerId: string }> {
  const c = await requireCustomer(db, options.customerId);
  const note = await insertCustomerNote(db, {
    customerId: c.id,
    author: options.author,
    body: options.body,
    now: options.now,
  });
  return { ...note, customerId: c.externalId };
}
