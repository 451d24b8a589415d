import {
  findCustomerNote,
  insertCustomerEvent,
  insertCustomerNote,
  updateCustomerNote,
  type CustomerNote,
  type Database,
} from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { requireActiveCustomer } from "./require-active-customer.ts";
import { CustomerEventKind } from "./timeline-kinds.ts";

/** A note as the doors return it (the customer by the id they were imported with). */
export type CustomerNoteView = Omit<CustomerNote, "customerId"> & { customerId: string };

/** Adds a note by `author` (the signed-in principal's name). */
export async function addCustomerNote(
  db: Database,
  options: { customerId: string; author: string; body: string; now?: Date },
): Promise<CustomerNoteView> {
  const c = await requireActiveCustomer(db, { customerId: options.customerId, now: options.now });
  const note = await insertCustomerNote(db, {
    customerId: c.id,
    author: options.author,
    body: options.body,
    now: options.now,
  });
  return { ...note, customerId: c.externalId };
}

/**
 * Replaces the body of a note; only its author may (Forbidden naming the author otherwise). The edit is
 * appended to customer_events with the body before and after, so the timeline shows it.
 */
export async function editCustomerNote(
  db: Database,
  options: { customerId: string; noteId: number; author: string; body: string; now?: Date },
): Promise<CustomerNoteView> {
  const { now = new Date() } = options;
  const c = await requireActiveCustomer(db, { customerId: options.customerId, now });
  const note = await findCustomerNote(db, options.noteId);
  if (!note || note.customerId !== c.id)
    throw new AppError(ErrorCode.NotFound, `no note ${options.noteId} on customer "${c.externalId}"`);
  if (note.author !== options.author)
    throw new AppError(
      ErrorCode.Forbidden,
      `note ${note.id} was written by "${note.author}": only its author may edit it, found "${options.author}"`,
    );
  const edited = await updateCustomerNote(db, { id: note.id, body: options.body, now });
  await insertCustomerEvent(db.sql, {
    customerId: c.id,
    kind: CustomerEventKind.NoteEdit,
    actor: options.author,
    value: options.body,
    previous: note.body,
    until: null,
    noteId: note.id,
    at: now,
  });
  return { ...edited, customerId: c.externalId };
}
