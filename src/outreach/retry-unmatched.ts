import type { Database } from "../db/index.ts";
import { retryUnmatched as retryQueue } from "../identity/index.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { unmatchedTicketProcessor } from "./process-unmatched-ticket.ts";

/**
 * Tries the unmatched tickets again (after the missing customers were imported): each one that now
 * matches is upserted, queued for a follow-up and marked linked (by "retry", with the rule that matched).
 */
export async function retryUnmatched(options: {
  db: Database;
  settings: Pick<OutreachSettings, "maxAgeMs">;
  now?: Date;
}): Promise<{ tried: number; resolved: number; still: { id: number; reason: string }[] }> {
  const { db, settings, now = new Date() } = options;
  const ticket = unmatchedTicketProcessor({ db, settings, now: () => now });
  const r = await retryQueue(db, { processors: { ticket }, now });
  return { tried: r.tried, resolved: r.linked.length, still: r.still };
}
