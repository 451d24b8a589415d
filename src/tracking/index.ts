export { checkWriteKey } from "./check-write-key.ts";
export { countUsageEvents, type TrackingResult } from "./count-usage-events.ts";
export { MAX_BATCH_BYTES, MAX_EVENT_BYTES, metricName } from "./segment-message.ts";
export { usageUnmatchedProcessor } from "./usage-unmatched-processor.ts";
