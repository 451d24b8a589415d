import { stripeUnmatchedProcessor } from "../billing/index.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/index.ts";
import { type HelpdeskVendor, zendeskRequesterLookup } from "../helpdesk/index.ts";
import type { TriggerSource } from "../outreach-statuses.ts";
import type { UnmatchedProcessors } from "../identity/index.ts";
import { createMailer, type Mailer } from "../mail/index.ts";
import { usageUnmatchedProcessor } from "../tracking/index.ts";
import { buildOutreachReport, type OutreachReport } from "./build-outreach-report.ts";
import { DEFAULT_PLAYS_DIR, loadPlays, type Play } from "./load-plays.ts";
import { outreachSettings, type OutreachSettings } from "./outreach-settings.ts";
import { previewFollowUp, type FollowUpPreview } from "./preview-follow-up.ts";
import { receiveHelpdeskWebhook, type HelpdeskWebhookResult } from "./receive-helpdesk-webhook.ts";
import { unmatchedTicketProcessor } from "./process-unmatched-ticket.ts";
import { receiveTicketWebhook, type TicketWebhookResult } from "./receive-ticket-webhook.ts";
import type { DeliveryCounts } from "./deliver-due-messages.ts";
import { listReviewQueue, sendHeldNow, skipHeld, type ReviewItem } from "./review-follow-ups.ts";
import { enqueueFollowUps, runOutreach, scanRecentClosings, type OutreachRunCounts } from "./run-outreach.ts";
import { findUnsubscribeTarget, unsubscribeCustomer, type UnsubscribeTarget } from "./unsubscribe-customer.ts";

/** Outreach wired to one database and configuration: what the CLI, the API and the worker use. */
export interface Outreach {
  readonly settings: OutreachSettings;
  /** The plays, loaded and checked on first use. */
  plays(): Play[];
  /** Queues changed tickets for the follow-up scheduler (the `onTicketsChanged` of ingest and import). */
  enqueue(ticketIds: number[], source: TriggerSource): Promise<number>;
  /** Queues every recent closing (see scanRecentClosings); resolves to how many. */
  scan(): Promise<number>;
  /** One pass: schedule queued closings, settle the holdout, send due messages, record ended outcomes. */
  runOnce(): Promise<OutreachRunCounts>;
  receiveWebhook(request: { rawBody: Buffer; signature?: string; timestamp?: string }): Promise<TicketWebhookResult>;
  /** A Zendesk, Intercom or Freshdesk webhook in the vendor's format (headers by lower-case name). */
  receiveHelpdesk(
    vendor: HelpdeskVendor,
    request: { rawBody: Buffer; header: (name: string) => string | undefined },
  ): Promise<HelpdeskWebhookResult>;
  /** How a linked item of the unmatched queue is processed: tickets are upserted and followed up like matched ones. */
  readonly unmatchedProcessors: UnmatchedProcessors;
  findUnsubscribeTarget(token: string): Promise<UnsubscribeTarget>;
  unsubscribe(token: string): Promise<UnsubscribeTarget>;
  preview(options: { play?: string; customer?: string; ticket?: string }): Promise<FollowUpPreview>;
  report(filters?: { play?: string; from?: Date; to?: Date }): Promise<OutreachReport>;
  /** Follow-ups held for review, `reviewer`'s own accounts first, rendered as they would go now. */
  reviewQueue(reviewer: string | null): Promise<ReviewItem[]>;
  /** Sends a held follow-up now (edits applied, every rule re-checked): sent, cancelled (why in the log) or failed. */
  sendReviewed(o: {
    outboxId: number;
    reviewer: string;
    subject?: string;
    text?: string;
  }): Promise<keyof DeliveryCounts>;
  /** Skips a held follow-up with the reviewer's reason. */
  skipReviewed(o: { outboxId: number; reviewer: string; reason: string }): Promise<void>;
  close(): void;
}

/**
 * The composition root of outreach. `now` and `mailer` replace the clock and the mail
 * transport (tests); `settings` overrides single settings after the configuration is read.
 */
export function createOutreach(options: {
  db: Database;
  config: Pick<Config, "dataDir" | "outreach">;
  now?: () => Date;
  mailer?: Mailer;
  settings?: Partial<OutreachSettings>;
}): Outreach {
  const { db, config, now = () => new Date() } = options;
  const settings: OutreachSettings = { ...outreachSettings(config), ...options.settings };
  let plays: Play[] | undefined;
  const api = config.outreach.zendeskApi;
  const zendeskRequester = api ? zendeskRequesterLookup({ baseUrl: api.url, apiToken: api.token }) : undefined;
  let mailer = options.mailer;
  const getPlays = () => (plays ??= loadPlays(config.outreach.playsDir ?? DEFAULT_PLAYS_DIR));
  const getMailer = () =>
    (mailer ??= createMailer({
      smtpUrl: settings.smtpUrl,
      outboxDir: settings.outboxDir,
      timeoutMs: Math.min(30_000, settings.claimMs / 2),
    }));
  return {
    settings,
    plays: getPlays,
    enqueue: (ticketIds, source) => enqueueFollowUps({ db, settings, ticketIds, source, now: now() }),
    scan: () => scanRecentClosings({ db, settings, now: now() }),
    runOnce: () => runOutreach({ db, settings, plays: getPlays(), mailer: getMailer(), now }),
    receiveWebhook: (r) =>
      receiveTicketWebhook({
        db,
        settings,
        rawBody: r.rawBody,
        signature: r.signature,
        timestamp: r.timestamp,
        now: now(),
      }),
    // Billing and usage items of the unmatched queue are applied by their own doors' processors.
    unmatchedProcessors: {
      ticket: unmatchedTicketProcessor({ db, settings, now }),
      billing: stripeUnmatchedProcessor({ db, now }),
      event: usageUnmatchedProcessor({ db, now }),
    },
    receiveHelpdesk: (vendor, r) =>
      receiveHelpdeskWebhook({
        db,
        settings,
        secrets: config.outreach.helpdeskSecrets ?? {},
        vendor,
        rawBody: r.rawBody,
        header: r.header,
        now: now(),
        zendeskRequester,
      }),
    findUnsubscribeTarget: (token) => findUnsubscribeTarget({ db, secret: settings.unsubscribeSecret, token }),
    unsubscribe: (token) => unsubscribeCustomer({ db, secret: settings.unsubscribeSecret, token, now: now() }),
    preview: (o) => previewFollowUp({ db, settings, plays: getPlays(), ...o }),
    report: (filters) => buildOutreachReport(db, filters, now()),
    reviewQueue: (reviewer) => listReviewQueue({ db, settings, plays: getPlays(), now, reviewer }),
    sendReviewed: (o) => sendHeldNow({ db, settings, plays: getPlays(), mailer: getMailer(), now, ...o }),
    skipReviewed: (o) => skipHeld({ db, settings, plays: getPlays(), now, ...o }),
    close: () => mailer?.close(),
  };
}
