import type { Database } from "../database.ts";

/** A CSM's note on a customer (table customer_notes). */
export interface CustomerNote {
  id: number;
  customerId: number;
  /** Who wrote it: the name of the API key that signed in. */
  author: string;
  body: string;
  createdAt: Date;
  /** When its author last edited it; null when never edited. */
  editedAt: Date | null;
}

const FIELDS = { id: true, customerId: true, author: true, body: true, createdAt: true, editedAt: true } as const;

/** A customer's notes, newest first. */
export async function listCustomerNotes(
  db: Database,
  options: { customerId: number; limit?: number },
): Promise<CustomerNote[]> {
  return db.prisma().customerNote.findMany({
    where: { customerId: options.customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 200,
    select: FIELDS,
  });
}

/** Appends a note; resolves to it as stored. */
export async function insertCustomerNote(
  db: Database,
  note: { customerId: number; author: string; body: string; now?: Date },
): Promise<CustomerNote> {
  return db.prisma().customerNote.create({
    data: { customerId: note.customerId, author: note.author, body: note.body, createdAt: note.now ?? new Date() },
    select: FIELDS,
  });
}

/** One note by id, or null. */
export async function findCustomerNote(db: Database, id: number): Promise<CustomerNote | null> {
  return db.prisma().customerNote.findUnique({ where: { id }, select: FIELDS });
}

/** Replaces a note's body and stamps `editedAt`; resolves to it as stored. */
export async function updateCustomerNote(
  db: Database,
  note: { id: number; body: string; now?: Date },
): Promise<CustomerNote> {
  return db.prisma().customerNote.update({
    where: { id: note.id },
    data: { body: note.body, editedAt: note.now ?? new Date() },
    select: FIELDS,
  });
}
