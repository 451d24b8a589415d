import { listDecisions, type Database, type DecisionFilters, type DecisionLogEntry } from "../db/index.ts";
import { listUnmatched, UnmatchedKind, UnmatchedStatus } from "../identity/index.ts";
import { DecisionStatus } from "../outreach-statuses.ts";
import { parseDayOrInstant } from "../dates/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { readDrivers, type Driver } from "../features/index.ts";
import { describeDecision } from "./describe-decision.ts";

/** The filters of the decision log as they arrive from a query string or CLI options. */
export const LOG_FILTERS = [
  "status",
  "reason",
  "play",
  "arm",
  "customer",
  "ticket",
  "from",
  "to",
  "before",
  "limit",
] as const;
export type LogFilterInput = Partial<Record<(typeof LOG_FILTERS)[number], string>>;

const STATUSES = Object.values(DecisionStatus) as string[];

/** A day (00:00 UTC) or an instant, strictly: Date.parse read 2026-02-31 as March 3. */
const parseDay = (name: string, value: string) => new Date(parseDayOrInstant(name, value));

function parseWhole(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AppError(ErrorCode.BadInput, `${name}: expected a whole number from ${min} to ${max}, found "${value}"`);
  return n;
}

/** Checks log filters: known status, dates, limit 1–500 (default 50), `before` an entry id. */
export function parseLogFilters(input: LogFilterInput): DecisionFilters {
  if (input.status !== undefined && !STATUSES.includes(input.status)) {
    throw new AppError(ErrorCode.BadInput, `status: expected one of ${STATUSES.join(", ")}, found "${input.status}"`);
  }
  return {
    status: input.status,
    reason: input.reason,
    play: input.play,
    arm: input.arm,
    customer: input.customer,
    ticket: input.ticket,
    from: input.from === undefined ? undefined : parseDay("from", input.from),
    to: input.to === undefined ? undefined : parseDay("to", input.to),
    before: input.before === undefined ? undefined : parseWhole("before", input.before, 1, Number.MAX_SAFE_INTEGER),
    limit: input.limit === undefined ? 50 : parseWhole("limit", input.limit, 1, 500),
  };
}

/** One entry of the decision log with its drivers read (the repository returns them as saved). */
export interface OutreachLogEntry extends Omit<DecisionLogEntry, "drivers" | "hasSentCopy"> {
  drivers: Driver[] | null;
  /** Status and reason as a sentence ("Not sent: emailed 3 days ago, within the 14-day limit"). */
  words: string;
  /** The dashboard page of the email as it went out (headers, text, HTML), once it was sent and its copy kept. */
  emailUrl: string | null;
}

/** Where the dashboard shows a follow-up's email as sent. */
export const sentEmailPath = (followUpId: number) => `/outreach/emails/${followUpId}`;

/** A page of the decision log, newest first; `next` is the `before` of the following page (null at the end). */
export async function listOutreachLog(
  db: Database,
  input: LogFilterInput,
  options: { timeZone?: string } = {},
): Promise<{ items: OutreachLogEntry[]; next: number | null }> {
  const filters = parseLogFilters(input);
  const rows = await listDecisions(db.sql, filters);
  const items = rows.map(({ hasSentCopy, ...e }) => ({
    ...e,
    drivers: e.drivers === null ? null : readDrivers(e.drivers, `of outreach decision ${e.id}`),
    words: describeDecision(e, options.timeZone),
    emailUrl: hasSentCopy ? sentEmailPath(e.followUpId) : null,
  }));
  return { items, next: items.length === filters.limit ? items[items.length - 1].id : null };
}

/** A closed ticket of the unmatched queue, in the shape GET /api/v1/outreach/unmatched has always answered. */
export interface UnmatchedTicket {
  id: number;
  eventId: string | null;
  source: string;
  ticketExternalId: string;
  customerRef: string | null;
  requesterEmail: string | null;
  reason: string;
  /** The ticket as received, as JSON. */
  payload: string;
  receivedAt: Date;
  resolvedAt: Date | null;
}

/**
 * The tickets of the unmatched queue (identity/), newest first: open ones, or settled ones too with `all`.
 * The queue itself, with candidates, links and dismissals, is listUnmatched of identity/.
 */
export async function listUnmatchedTickets(
  db: Database,
  options: { all?: boolean; limit?: number } = {},
): Promise<UnmatchedTicket[]> {
  const { items } = await listUnmatched(db, {
    kind: UnmatchedKind.Ticket,
    status: options.all ? "all" : UnmatchedStatus.Open,
    limit: options.limit ?? 200,
  });
  return items.map((u) => {
    const p = u.payload as { ticket?: unknown; record?: unknown } | null;
    return {
      id: u.id,
      eventId: u.eventId,
      source: u.source,
      ticketExternalId: u.externalId,
      customerRef: u.requester.customerRef,
      requesterEmail: u.requester.email,
      reason: u.reason,
      payload: JSON.stringify(p?.ticket ?? p?.record ?? p),
      receivedAt: u.receivedAt,
      resolvedAt: u.resolvedAt,
    };
  });
}
