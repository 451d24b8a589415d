import { dayNumber, type Database } from "../db/index.ts";
import { countTrackedEvents } from "../db/repositories/tracked-usage.ts";
import type { TrackedEvent } from "../db/repositories/tracked-usage.ts";
import { AppError, ErrorCode } from "../errors.ts";
import {
  queueUnmatched,
  resolveCustomer,
  UnmatchedKind,
  type CustomerRef,
  type Resolution,
  type UnmatchedInput,
} from "../identity/index.ts";
import {
  MAX_EVENT_BYTES,
  messageEmail,
  messageGroup,
  metricName,
  segmentBatch,
  segmentMessage,
  type SegmentMessage,
} from "./segment-message.ts";

/** What a track or batch call did; `errors` has the shape of HTTP ingest's per-record errors. */
export interface TrackingResult {
  received: number;
  /** Events added to daily usage. */
  counted: number;
  /** Events whose messageId was counted before (a retry): accepted, added nothing. */
  duplicates: number;
  /** Messages of other types (identify, page, group…): accepted and not counted, by type. */
  ignored: Record<string, number>;
  rejected: number;
  errors: { index: number; column: string; reason: string }[];
}

type Checked = { index: number; message: SegmentMessage; metric: string; day: number };

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw new AppError(ErrorCode.BadInput, `expected a JSON body, found invalid JSON (${(error as Error).message})`);
  }
}

/** The messages of a /track (one) or /batch body, with the batch's context for those without one. */
function messagesOf(kind: "track" | "batch", raw: Buffer): unknown[] {
  const json = parseJson(raw);
  if (kind === "track") return [json];
  const parsed = segmentBatch.safeParse(json);
  if (!parsed.success)
    throw new AppError(
      ErrorCode.BadInput,
      'expected a batch body: { "batch": [ { "type": "track", … } ], "context"? }',
    );
  const shared = parsed.data.context;
  return parsed.data.batch.map((m) =>
    shared && m && typeof m === "object" && !Array.isArray(m) && !("context" in m) ? { ...m, context: shared } : m,
  );
}

/** When the event happened: timestamp, else originalTimestamp, else now; an unreadable one is a problem. */
function eventMs(m: SegmentMessage, now: Date): number | string {
  const given = m.timestamp ?? m.originalTimestamp;
  if (!given) return now.getTime();
  const ms = Date.parse(given);
  return /^\d{4}-\d{2}-\d{2}T/.test(given) && Number.isFinite(ms) ? ms : `expected an ISO 8601 time, found "${given}"`;
}

/**
 * Counts Segment-compatible track events per customer, UTC day and event name into daily usage.
 * The customer is the one whose external id is the userId, else the groupId, else whose email is
 * the traits' or properties' email (exactly one). Other message types are accepted and ignored;
 * a repeated messageId counts once. A record that cannot be counted is a per-record error.
 */
export async function countUsageEvents(options: {
  db: Database;
  kind: "track" | "batch";
  rawBody: Buffer;
  now?: Date;
}): Promise<TrackingResult> {
  const { db, kind, rawBody, now = new Date() } = options;
  const messages = messagesOf(kind, rawBody);
  const result: TrackingResult = {
    received: messages.length,
    counted: 0,
    duplicates: 0,
    ignored: {},
    rejected: 0,
    errors: [],
  };
  const fail = (index: number, column: string, reason: string): void => {
    result.errors.push({ index, column, reason });
  };
  const checked: Checked[] = [];
  for (const [index, raw] of messages.entries()) {
    if (kind === "batch" && Buffer.byteLength(JSON.stringify(raw) ?? "") > MAX_EVENT_BYTES) {
      fail(index, "*", `event too large: the limit is ${MAX_EVENT_BYTES} bytes per event`);
      continue;
    }
    const parsed = segmentMessage.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(index, issue.path.join(".") || "*", issue.path.length ? issue.message : "expected a JSON object");
      continue;
    }
    const m = parsed.data;
    const type = m.type ?? (kind === "track" ? "track" : "");
    if (type !== "track") {
      if (!type) {
        fail(index, "type", "expected a message type (track, identify, page, …)");
        continue;
      }
      result.ignored[type] = (result.ignored[type] ?? 0) + 1;
      continue;
    }
    const metric = m.event ? metricName(m.event) : null;
    if (!metric) {
      fail(index, "event", "expected the event's name (letters or digits)");
      continue;
    }
    const ms = eventMs(m, now);
    if (typeof ms === "string") {
      fail(index, "timestamp", ms);
      continue;
    }
    checked.push({ index, message: m, metric, day: dayNumber(ms) });
  }
  const queue: UnmatchedInput[] = [];
  const events = await resolveCustomers(db, checked, (c, ref, resolution) => {
    fail(c.index, "userId", `unknown user: ${resolution.reason} (kept in the unmatched queue)`);
    queue.push({
      kind: UnmatchedKind.Event,
      source: "segment",
      eventId: c.message.messageId ?? null,
      externalId: c.message.messageId ?? `${ref.externalId ?? ref.email}:${c.metric}:${c.day}`,
      ref,
      subject: c.message.event ?? c.metric,
      payload: { format: "usage-event", metric: c.metric, day: c.day, messageId: c.message.messageId ?? null },
      resolution,
      receivedAt: now,
    });
  });
  for (const item of queue) await queueUnmatched(db, item);
  const counted = await countTrackedEvents(db.sql, { events, now });
  result.counted = counted.counted;
  result.duplicates = counted.duplicates.length;
  if (counted.counted > 0) {
    db.ingests.count++; // the KPI cache's data version: usage changed
    db.ingests.lastAt = now;
  }
  result.errors.sort((a, b) => a.index - b.index);
  result.rejected = result.errors.length;
  return result;
}

/** Each checked event with its customer: userId, else groupId, as a customer id, else the email through the resolver. */
async function resolveCustomers(
  db: Database,
  checked: Checked[],
  unmatched: (c: Checked, ref: CustomerRef, resolution: Exclude<Resolution, { status: "matched" }>) => void,
): Promise<TrackedEvent[]> {
  const cache = new Map<string, Promise<Resolution>>();
  const resolve = (ref: CustomerRef) => {
    const key = JSON.stringify([ref.externalId ?? null, ref.email ?? null]);
    const cached = cache.get(key);
    if (cached) return cached;
    const resolving = resolveCustomer(db, ref);
    cache.set(key, resolving);
    return resolving;
  };
  const events: TrackedEvent[] = [];
  for (const c of checked) {
    const { userId } = c.message;
    const group = messageGroup(c.message);
    const email = messageEmail(c.message);
    let last: Resolution | null = null;
    for (const ref of [userId && { externalId: userId }, group && { externalId: group }, email && { email }]) {
      if (!ref) continue;
      last = await resolve(ref);
      if (last.status === "matched") break;
    }
    if (last?.status === "matched") {
      const messageId = c.message.messageId ?? null;
      events.push({ index: c.index, customerId: last.customer.id, metric: c.metric, day: c.day, messageId });
      continue;
    }
    const ref = { externalId: userId ?? group ?? null, email };
    const named = [userId && `userId "${userId}"`, group && `groupId "${group}"`, email && `email ${email}`];
    const reason =
      last === null
        ? "no userId, groupId or email to find the customer by (anonymousId alone is not enough)"
        : last.status === "ambiguous"
          ? last.reason
          : `no customer with ${named.filter(Boolean).join(" or ")}`;
    unmatched(c, ref, last?.status === "ambiguous" ? last : { status: "unmatched", candidates: [], reason });
  }
  return events;
}
