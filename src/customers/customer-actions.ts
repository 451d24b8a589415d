import { OWNER_ROLES } from "../auth/roles.ts";
import { AppError, ErrorCode } from "../errors.ts";
import {
  findUserByEmail,
  getCustomerState,
  insertCustomerEvent,
  listActiveUsers,
  setCustomerState,
  type CustomerRecord,
  type CustomerState,
  type CustomerStateFields,
  type Database,
} from "../db/index.ts";
import { requireActiveCustomer } from "./require-active-customer.ts";
import { ContactChannel, CustomerEventKind } from "./timeline-kinds.ts";

const DAY_MS = 86_400_000;

/** The CSM-facing part of a customer's state after an action. */
export interface CustomerStateView {
  customerId: string;
  owner: string | null;
  ownerOverride: string | null;
  snoozedUntil: Date | null;
  lastContactedAt: Date | null;
}

async function stateView(db: Database, customer: CustomerRecord): Promise<CustomerStateView> {
  const s: CustomerState | null = await getCustomerState(db.sql, customer.id);
  return {
    customerId: customer.externalId,
    owner: s?.ownerEmail ?? customer.ownerEmail,
    ownerOverride: s?.ownerEmail ?? null,
    snoozedUntil: s?.snoozedUntil ?? null,
    lastContactedAt: s?.lastContactedAt ?? null,
  };
}

/** Sets the state fields and appends the event in one transaction, refusing a churned customer. */
async function act(
  db: Database,
  options: { customerId: string; actor?: string | null; now: Date; at?: Date },
  change: (
    c: CustomerRecord,
    before: CustomerState | null,
  ) => {
    fields: Partial<CustomerStateFields>;
    event: { kind: CustomerEventKind; value?: string | null; previous?: string | null; until?: Date | null };
  },
): Promise<CustomerStateView> {
  const c = await requireActiveCustomer(db, { customerId: options.customerId, now: options.now });
  await db.sql.transaction(async (tx) => {
    const { fields, event } = change(c, await getCustomerState(tx, c.id));
    await setCustomerState(tx, { customerId: c.id, fields, now: options.now });
    await insertCustomerEvent(tx, {
      customerId: c.id,
      kind: event.kind,
      actor: options.actor ?? null,
      value: event.value ?? null,
      previous: event.previous ?? null,
      until: event.until ?? null,
      noteId: null,
      at: options.at ?? options.now,
    });
  });
  return stateView(db, c);
}

/** The email of an active user who can own accounts (a csm or an admin); anything else is refused, saying who can. */
export async function requireOwner(db: Database, raw: string): Promise<string> {
  const email = raw.trim().toLowerCase();
  const user = await findUserByEmail(db, email);
  if (user && !user.disabledAt && (OWNER_ROLES as string[]).includes(user.role)) return email;
  const owners = (await listActiveUsers(db, OWNER_ROLES)).map((u) => u.email);
  const why = user ? (user.disabledAt ? "is revoked" : `is a ${user.role}`) : "is not a user";
  throw new AppError(
    ErrorCode.BadInput,
    `owner: expected one of the users who can own accounts (${owners.join(", ") || "none yet: add them with retain users add"}), ` +
      `found "${raw}", who ${why}`,
  );
}

/**
 * Makes `email` (a csm or admin user) the customer's owner, overriding the imported owner; null returns to the
 * imported one.
 */
export async function assignOwner(
  db: Database,
  options: { customerId: string; email: string | null; actor?: string | null; now?: Date },
): Promise<CustomerStateView> {
  const { now = new Date() } = options;
  const email = options.email === null ? null : await requireOwner(db, options.email);
  return act(db, { ...options, now }, (c, before) => ({
    fields: { ownerEmail: email },
    event: { kind: CustomerEventKind.Owner, value: email, previous: before?.ownerEmail ?? c.ownerEmail },
  }));
}

/**
 * Snoozes a customer for `days` from now (off the at-risk list, and the outreach sender skips them until
 * then), with an optional `reason` kept on the timeline.
 */
export async function snoozeCustomer(
  db: Database,
  options: { customerId: string; days: number; reason?: string | null; actor?: string | null; now?: Date },
): Promise<CustomerStateView> {
  const { now = new Date() } = options;
  const until = new Date(now.getTime() + options.days * DAY_MS);
  return act(db, { ...options, now }, () => ({
    fields: { snoozedUntil: until },
    event: { kind: CustomerEventKind.Snooze, value: options.reason ?? null, until },
  }));
}

/** Ends a snooze now. */
export async function unsnoozeCustomer(
  db: Database,
  options: { customerId: string; actor?: string | null; now?: Date },
): Promise<CustomerStateView> {
  const { now = new Date() } = options;
  return act(db, { ...options, now }, () => ({
    fields: { snoozedUntil: null },
    event: { kind: CustomerEventKind.Unsnooze },
  }));
}

/**
 * Records that a CSM contacted the customer at `at` (default now) through `channel` (default other);
 * the follow-up frequency cap counts it.
 */
export async function markContacted(
  db: Database,
  options: { customerId: string; at?: Date; channel?: ContactChannel; actor?: string | null; now?: Date },
): Promise<CustomerStateView> {
  const { now = new Date() } = options;
  const at = options.at ?? now;
  return act(db, { ...options, now, at }, () => ({
    fields: { lastContactedAt: at },
    event: { kind: CustomerEventKind.Contact, value: options.channel ?? ContactChannel.Other },
  }));
}
