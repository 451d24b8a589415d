import { AppError, ErrorCode } from "../errors.ts";

/** The kinds of item on a customer's timeline (the `?kinds=` filter of the page and the API). */
export const TimelineKind = {
  Ticket: "ticket",
  Survey: "survey",
  Email: "email",
  Note: "note",
  Owner: "owner",
  Snooze: "snooze",
  Contact: "contact",
  Risk: "risk",
} as const;
export type TimelineKind = (typeof TimelineKind)[keyof typeof TimelineKind];
export const TIMELINE_KINDS = Object.values(TimelineKind);

export { CustomerEventKind } from "../customer-event-kinds.ts";

/** How a CSM reached the customer ("contacted"). */
export const ContactChannel = {
  Email: "email",
  Phone: "phone",
  Meeting: "meeting",
  Chat: "chat",
  Other: "other",
} as const;
export type ContactChannel = (typeof ContactChannel)[keyof typeof ContactChannel];
export const CONTACT_CHANNELS = Object.values(ContactChannel);

/**
 * Reads a `kinds` query value ("ticket,note" or repeated `kinds=`); undefined or empty means every kind.
 * BadInput naming the unknown kind and the known ones.
 */
export function parseTimelineKinds(raw: unknown): TimelineKind[] | null {
  if (raw === undefined || raw === null || raw === "") return null;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(","));
  const kinds = parts.map((p) => p.trim().toLowerCase()).filter(Boolean);
  for (const k of kinds)
    if (!(TIMELINE_KINDS as string[]).includes(k))
      throw new AppError(
        ErrorCode.BadInput,
        `kinds: expected a comma-separated list of ${TIMELINE_KINDS.join(", ")}, found "${k}"`,
      );
  return kinds.length ? [...new Set(kinds as TimelineKind[])] : null;
}
