import type { Database } from "../db/index.ts";
import { countTrackedEvents } from "../db/repositories/tracked-usage.ts";
import { AppError, ErrorCode } from "../errors.ts";
import type { UnmatchedProcessor } from "../identity/index.ts";

/**
 * Identity's processor for product-usage items (kind "event", payload { format: "usage-event",
 * metric, day, messageId }): an event someone linked to a customer is counted as if it had matched
 * (once: its messageId is claimed as on the track endpoint).
 */
export function usageUnmatchedProcessor(options: { db: Database; now?: () => Date }): UnmatchedProcessor {
  const { db, now = () => new Date() } = options;
  return async (item, customer) => {
    const p = item.payload as { metric?: unknown; day?: unknown; messageId?: unknown } | null;
    if (typeof p?.metric !== "string" || !Number.isInteger(p.day))
      throw new AppError(ErrorCode.BadInput, `item ${item.id} holds no usage event (payload format usage-event)`);
    const messageId = typeof p.messageId === "string" ? p.messageId : null;
    const event = { index: 0, customerId: customer.id, metric: p.metric, day: p.day as number, messageId };
    const { counted } = await countTrackedEvents(db.sql, { events: [event], now: now() });
    return counted ? `1 ${p.metric} counted for ${customer.externalId}` : `${p.metric} was counted before`;
  };
}
