import {
  insertCustomerEvents,
  listCustomerStates,
  setCustomerStates,
  type CustomerRecord,
  type CustomerState,
  type CustomerStateFields,
  type Database,
} from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { requireOwner } from "./customer-actions.ts";
import { requireActiveCustomers } from "./require-active-customers.ts";
import { CustomerEventKind } from "./timeline-kinds.ts";

/** The most customers one bulk action takes (one page of the list holds up to 500). */
export const BULK_LIMIT = 500;
/** How far ahead a bulk snooze may end, as the single snooze (1 to 365 days). */
export const MAX_SNOOZE_DAYS = 365;
const DAY_MS = 86_400_000;

/** What a bulk action changed: every customer given (an action applies to all of them or to none). */
export interface BulkActionResult {
  count: number;
  /** The customer ids, in the order given, each once. */
  customerIds: string[];
}

export interface BulkSnoozeResult extends BulkActionResult {
  until: Date;
  reason: string | null;
}

export interface BulkOwnerResult extends BulkActionResult {
  owner: string | null;
}

/** The ids given, trimmed and each once; BadInput when there are none or more than BULK_LIMIT. */
function requireBulkIds(customerIds: string[]): string[] {
  const ids = [...new Set(customerIds.map((id) => id.trim()).filter(Boolean))];
  if (ids.length === 0 || ids.length > BULK_LIMIT)
    throw new AppError(
      ErrorCode.BadInput,
      `customerIds: expected 1 to ${BULK_LIMIT} customer ids per bulk action, found ${ids.length}` +
        (ids.length ? ": select fewer customers (one page of the list at most)" : ""),
    );
  return ids;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** BadInput unless `until` is after today (UTC) and at most MAX_SNOOZE_DAYS ahead. */
function requireSnoozeEnd(until: Date, now: Date): void {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const first = new Date(today + DAY_MS);
  const last = new Date(today + MAX_SNOOZE_DAYS * DAY_MS);
  if (until < first || until > last)
    throw new AppError(
      ErrorCode.BadInput,
      `until: expected a day from ${isoDay(first)} to ${isoDay(last)} (after today, at most ${MAX_SNOOZE_DAYS} ` +
        `days ahead), found "${isoDay(until)}"`,
    );
}

/**
 * In one transaction: checks every customer (all active, or nothing changes), sets the same state fields on all,
 * and appends one customer_events row per customer (so each timeline shows the action).
 */
async function actOnCustomers(
  db: Database,
  options: { customerIds: string[]; actor?: string | null; now: Date },
  action: {
    fields: Partial<CustomerStateFields>;
    event: (
      c: CustomerRecord,
      before: CustomerState | undefined,
    ) => {
      kind: CustomerEventKind;
      value: string | null;
      previous?: string | null;
      until?: Date | null;
    };
  },
): Promise<BulkActionResult> {
  const ids = requireBulkIds(options.customerIds);
  return db.sql.transaction(async (tx) => {
    const customers = await requireActiveCustomers(tx, { customerIds: ids, now: options.now });
    const before = await listCustomerStates(
      tx,
      customers.map((c) => c.id),
    );
    await setCustomerStates(tx, { customerIds: customers.map((c) => c.id), fields: action.fields, now: options.now });
    await insertCustomerEvents(
      tx,
      customers.map((c) => {
        const e = action.event(c, before.get(c.id));
        return {
          customerId: c.id,
          kind: e.kind,
          actor: options.actor ?? null,
          value: e.value,
          previous: e.previous ?? null,
          until: e.until ?? null,
          noteId: null,
          at: options.now,
        };
      }),
    );
    return { count: customers.length, customerIds: ids };
  });
}

/**
 * Snoozes up to BULK_LIMIT customers until the start (00:00 UTC) of `until` — after today, at most 365 days ahead —
 * with an optional `reason` kept on each timeline. All or none: an unknown or churned customer changes nothing.
 */
export async function bulkSnoozeCustomers(
  db: Database,
  options: { customerIds: string[]; until: Date; reason?: string | null; actor?: string | null; now?: Date },
): Promise<BulkSnoozeResult> {
  const { now = new Date(), until } = options;
  const reason = options.reason?.trim() || null;
  requireSnoozeEnd(until, now);
  const result = await actOnCustomers(
    db,
    { ...options, now },
    {
      fields: { snoozedUntil: until },
      event: () => ({ kind: CustomerEventKind.Snooze, value: reason, until }),
    },
  );
  return { ...result, until, reason };
}

/**
 * Makes `owner` the owner CSM of up to BULK_LIMIT customers — the email of a user who can own accounts, checked as
 * the single assign checks it (requireOwner); null returns to the imported owner_email — each timeline recording the
 * owner before. All or none, as bulkSnoozeCustomers.
 */
export async function bulkAssignOwner(
  db: Database,
  options: { customerIds: string[]; owner: string | null; actor?: string | null; now?: Date },
): Promise<BulkOwnerResult> {
  const { now = new Date() } = options;
  const owner = options.owner === null ? null : await requireOwner(db, options.owner);
  const result = await actOnCustomers(
    db,
    { ...options, now },
    {
      fields: { ownerEmail: owner },
      event: (c, before) => ({
        kind: CustomerEventKind.Owner,
        value: owner,
        previous: before?.ownerEmail ?? c.ownerEmail,
      }),
    },
  );
  return { ...result, owner };
}
