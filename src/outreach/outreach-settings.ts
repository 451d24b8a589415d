import { hostname } from "node:os";
import { join } from "node:path";
import type { Config } from "../config.ts";
import { resolveLocalSecret } from "../local-secret.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { parseMailbox } from "../mail/index.ts";
import type { SendingHours } from "./sending-window.ts";

const HOUR = 3_600_000;
/** What the templates say when RETAIN_COMPANY_NAME / RETAIN_PRODUCT_NAME are not set: neutral, never a made-up name. */
const DEFAULT_COMPANY = "our team";
const DEFAULT_PRODUCT = "our product";
const DAY = 24 * HOUR;

/** Outreach settings in the units the code uses (ms, shares), from the configuration. */
export interface OutreachSettings {
  delayMs: number;
  sendingHours: SendingHours;
  capMs: number;
  /** Share (0–1) of customers held out per play, unless the play sets its own. */
  holdoutShare: number;
  windowMs: number;
  maxAgeMs: number;
  expireMs: number;
  batchSize: number;
  /** How long a worker's claim on a message lasts; a send is aborted well before it lapses. */
  claimMs: number;
  retry: { baseMs: number; maxMs: number; maxRejections: number };
  sender: { name: string; address: string };
  publicUrl: string;
  /** {{company}} and {{product}} of the templates. */
  companyName: string;
  productName: string;
  /** Default MRR above which a play holds follow-ups for review (null: no review unless the play asks). */
  reviewMrrAbove: number | null;
  unsubscribeMailto: string;
  unsubscribeSecret: string;
  webhookSecret?: string;
  webhookToleranceMs: number;
  smtpUrl?: string;
  outboxDir: string;
  /** This worker, as claims name it: host:pid. */
  instance: string;
}

/**
 * The unsubscribe HMAC key: RETAIN_UNSUBSCRIBE_SECRET, else one generated on first use and
 * kept in `<dataDir>/unsubscribe.secret` (several servers must share the variable instead).
 */
export function resolveUnsubscribeSecret(dataDir: string, configured?: string): string {
  return resolveLocalSecret({ dataDir, file: "unsubscribe.secret", configured });
}

export function outreachSettings(config: Pick<Config, "dataDir" | "outreach">): OutreachSettings {
  const o = config.outreach;
  const sender = parseMailbox(o.mailFrom);
  if (!sender)
    throw new AppError(
      ErrorCode.BadConfig,
      `RETAIN_MAIL_FROM: expected "Name <address>" or an address, found "${o.mailFrom}"`,
    );
  const claimMs = o.claimSeconds * 1000;
  return {
    delayMs: o.delayHours * HOUR,
    sendingHours: { start: o.sendHours.start, end: o.sendHours.end, days: o.sendDays },
    capMs: o.capDays * DAY,
    holdoutShare: o.holdoutPercent / 100,
    windowMs: o.windowDays * DAY,
    maxAgeMs: o.maxAgeHours * HOUR,
    expireMs: o.expireHours * HOUR,
    batchSize: o.batchSize,
    claimMs,
    retry: { baseMs: o.retryBaseSeconds * 1000, maxMs: o.retryMaxSeconds * 1000, maxRejections: o.maxAttempts },
    sender: { name: sender.name || "Customer Success", address: sender.address },
    publicUrl: o.publicUrl,
    companyName: o.companyName ?? DEFAULT_COMPANY,
    productName: o.productName ?? DEFAULT_PRODUCT,
    reviewMrrAbove: o.reviewMrrAbove ?? null,
    unsubscribeMailto: o.unsubscribeMailto ?? sender.address,
    unsubscribeSecret: resolveUnsubscribeSecret(config.dataDir, o.unsubscribeSecret),
    webhookSecret: o.webhookSecret,
    webhookToleranceMs: o.webhookToleranceSeconds * 1000,
    smtpUrl: o.smtpUrl,
    outboxDir: join(config.dataDir, "outbox"),
    instance: `${hostname()}:${process.pid}`,
  };
}

/** The delay before retry n (1-based): base × 2^(n−1), at most max. */
export function retryDelayMs(attempt: number, retry: OutreachSettings["retry"]): number {
  return Math.min(retry.maxMs, retry.baseMs * 2 ** Math.max(0, attempt - 1));
}
