import { enqueueRecentClosings, enqueueTriggers, recordEndedOutcomes, type Database } from "../db/index.ts";
import { TriggerSource } from "../outreach-statuses.ts";
import type { Mailer } from "../mail/index.ts";
import { deliverDueMessages, type DeliveryCounts } from "./deliver-due-messages.ts";
import type { Play } from "./load-plays.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { expireLapsedReviews } from "./review-follow-ups.ts";
import { scheduleFollowUps, type ScheduleCounts } from "./schedule-follow-ups.ts";
import { settleHeldOut, type HoldoutCounts } from "./settle-held-out.ts";

/** What one pass of the outreach work did. */
export interface OutreachRunCounts {
  schedule: ScheduleCounts;
  holdout: HoldoutCounts;
  /** Held follow-ups whose review window ended unreviewed: skipped and recorded (review_expired). */
  reviewExpired: number;
  delivery: DeliveryCounts;
  outcomes: { stayed: number; churned: number };
  durationMs: number;
}

/**
 * Queues changed tickets for the scheduler (only closed ones, closed within the max age).
 * Cheap enough to run inside an ingest request or after each import batch.
 */
export async function enqueueFollowUps(options: {
  db: Database;
  settings: Pick<OutreachSettings, "maxAgeMs">;
  ticketIds: number[];
  source: TriggerSource;
  now?: Date;
}): Promise<number> {
  const { db, settings, ticketIds, source, now = new Date() } = options;
  if (!ticketIds.length) return 0;
  return enqueueTriggers(db.sql, { ticketIds, source, now, closedSince: new Date(now.getTime() - settings.maxAgeMs) });
}

/**
 * Queues every ticket closed within the max age, whatever queued it before (closings that
 * were decided already are recognised as duplicates). For imports that bypassed the hooks.
 */
export async function scanRecentClosings(options: {
  db: Database;
  settings: Pick<OutreachSettings, "maxAgeMs">;
  now?: Date;
}): Promise<number> {
  const { db, settings, now = new Date() } = options;
  return enqueueRecentClosings(db.sql, {
    source: TriggerSource.Scan,
    now,
    closedSince: new Date(now.getTime() - settings.maxAgeMs),
  });
}

/**
 * One pass of the outreach work, in the order that keeps it safe: decide queued closings
 * (record first), settle held-out follow-ups whose time came, send due messages (re-checking
 * every rule), and record the outcomes of retention windows that ended.
 */
export async function runOutreach(options: {
  db: Database;
  settings: OutreachSettings;
  plays: Play[];
  mailer: Mailer;
  now?: () => Date;
}): Promise<OutreachRunCounts> {
  const { db, settings, plays, mailer, now = () => new Date() } = options;
  const started = performance.now();
  const schedule = await scheduleFollowUps({ db, settings, plays, now });
  const holdout = await settleHeldOut({ db, settings, now });
  const reviewExpired = await expireLapsedReviews({ db, settings, plays, now });
  const delivery = await deliverDueMessages({ db, settings, plays, mailer, now });
  const outcomes = await recordEndedOutcomes(db.sql, { now: now() });
  return { schedule, holdout, reviewExpired, delivery, outcomes, durationMs: Math.round(performance.now() - started) };
}
