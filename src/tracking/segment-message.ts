import { z } from "zod";

/** Segment's limit on one event (a /track call or one message of a batch), in bytes of JSON. */
export const MAX_EVENT_BYTES = 32 * 1024;
/** Segment's limit on one /batch request, in bytes. */
export const MAX_BATCH_BYTES = 500 * 1024;

const id = z.union([z.string().min(1).max(200), z.number()]).transform(String);
const bag = z.record(z.string(), z.unknown());

/**
 * A message of Segment's HTTP Tracking API as Retain reads it: type (track when absent on
 * /track), who (userId, anonymousId, groupId, traits' or properties' email), the event name,
 * when (timestamp, else originalTimestamp, else the time received) and the messageId.
 * Everything else is allowed and ignored.
 */
export const segmentMessage = z.looseObject({
  type: z.string().optional(),
  userId: id.nullish(),
  anonymousId: id.nullish(),
  groupId: id.nullish(),
  event: z.string().max(200).nullish(),
  properties: bag.nullish(),
  traits: bag.nullish(),
  context: z.looseObject({ traits: bag.nullish(), groupId: id.nullish() }).nullish(),
  timestamp: z.string().nullish(),
  originalTimestamp: z.string().nullish(),
  messageId: z.string().min(1).max(200).nullish(),
});
export type SegmentMessage = z.infer<typeof segmentMessage>;

/** A batch body: `{ batch: [...], context? }`; a top-level context applies to every message without one. */
export const segmentBatch = z.looseObject({
  batch: z.array(z.unknown()),
  context: z.looseObject({}).nullish(),
});

/**
 * The event name as a usage metric: lowercased, every run of other characters than letters and
 * digits one underscore ("Report Exported" → report_exported), so it reads like Retain's metrics
 * and its feature columns (report_exported_30d) stay plain names. Null when nothing is left.
 */
export function metricName(event: string): string | null {
  const name = event
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 100);
  return name || null;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** The email a message names its user by: context.traits.email, traits.email, or properties.email. */
export function messageEmail(m: SegmentMessage): string | null {
  return text(m.context?.traits?.email) ?? text(m.traits?.email) ?? text(m.properties?.email);
}

/** The group (account) a message names: groupId, or context.groupId. */
export function messageGroup(m: SegmentMessage): string | null {
  return m.groupId ?? m.context?.groupId ?? null;
}
