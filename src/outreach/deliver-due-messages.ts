import {
  claimOutbox,
  closeOutbox,
  deferOutbox,
  getFollowUp,
  insertDecision,
  listDueOutbox,
  markOutboxSent,
  setCustomerState,
  transitionFollowUp,
  type Database,
  type DecisionEvidence,
  type FollowUpRecord,
  type OutboxRecord,
} from "../db/index.ts";
import { DecisionStatus, FollowUpStatus, OutboxStatus } from "../outreach-statuses.ts";
import { moduleLogger } from "../logger.ts";
import { classifySmtpError, SmtpFailureKind, type Mailer, type SendReceipt } from "../mail/index.ts";
import { checkFollowUp, type FollowUpCheck } from "./check-follow-up.ts";
import { applyReviewEdits } from "./apply-review-edits.ts";
import { composeFollowUpMail } from "./compose-follow-up-mail.ts";
import type { Play } from "./load-plays.ts";
import { OutreachReason } from "./outreach-reasons.ts";
import { retryDelayMs, type OutreachSettings } from "./outreach-settings.ts";
import { nextSendingTime } from "./sending-window.ts";

const log = moduleLogger("outreach");

export interface DeliveryCounts {
  sent: number;
  deferred: number;
  failed: number;
  cancelled: number;
}

interface Delivery {
  db: Database;
  settings: OutreachSettings;
  plays: Map<string, Play>;
  mailer: Mailer;
  now: () => Date;
}

/**
 * Sends the due outbox messages, one claim at a time: claim (atomic, leased), re-check the
 * rules on fresh data (cancel with the reason if one blocks), send, and record the send in
 * the same breath as the SMTP accept. Transient SMTP errors retry with exponential backoff
 * (outages are never counted against the limit); permanent ones fail, and a refused
 * recipient marks the customer bounced.
 */
export async function deliverDueMessages(options: {
  db: Database;
  settings: OutreachSettings;
  plays: Play[];
  mailer: Mailer;
  now: () => Date;
}): Promise<DeliveryCounts> {
  const d: Delivery = { ...options, plays: new Map(options.plays.map((p) => [p.name, p])) };
  const counts: DeliveryCounts = { sent: 0, deferred: 0, failed: 0, cancelled: 0 };
  for (;;) {
    const ids = await listDueOutbox(d.db.sql, { now: d.now(), limit: d.settings.batchSize });
    let mine = 0;
    for (const id of ids) {
      const message = await claimOutbox(d.db.sql, {
        id,
        instance: d.settings.instance,
        now: d.now(),
        leaseMs: d.settings.claimMs,
      });
      if (!message) continue; // another worker has it
      mine++;
      counts[await deliverOne(d, message)]++;
    }
    if (ids.length < d.settings.batchSize || mine === 0) return counts;
  }
}

/**
 * Sends one message now (a reviewer's "send now"), through the same claim and re-checks as the worker;
 * null when it could not be claimed (another worker has it, or it is not due or not approved).
 */
export async function deliverOutboxMessage(options: {
  db: Database;
  settings: OutreachSettings;
  plays: Play[];
  mailer: Mailer;
  now: () => Date;
  outboxId: number;
}): Promise<keyof DeliveryCounts | null> {
  const d: Delivery = { ...options, plays: new Map(options.plays.map((p) => [p.name, p])) };
  const message = await claimOutbox(d.db.sql, {
    id: options.outboxId,
    instance: d.settings.instance,
    now: d.now(),
    leaseMs: d.settings.claimMs,
  });
  return message ? deliverOne(d, message) : null;
}

async function deliverOne(d: Delivery, message: OutboxRecord): Promise<keyof DeliveryCounts> {
  const followUp = (await getFollowUp(d.db.sql, message.followUpId))!;
  const check = await checkFollowUp({ sql: d.db.sql, followUp, settings: d.settings, now: d.now() });
  if (check.block) {
    await endMessage(d, {
      followUp,
      message,
      check,
      status: FollowUpStatus.Cancelled,
      reason: check.block.reason,
      detail: check.block.detail,
    });
    return "cancelled";
  }
  const play = d.plays.get(followUp.play);
  if (!play) {
    await endMessage(d, {
      followUp,
      message,
      check,
      status: FollowUpStatus.Failed,
      reason: OutreachReason.PlayMissing,
      detail: `no play "${followUp.play}" in the plays folder`,
    });
    return "failed";
  }
  const composed = composeFollowUpMail({
    facts: check.facts!,
    template: play.template,
    settings: d.settings,
    messageId: message.messageId,
  });
  const mail = applyReviewEdits(composed, { subject: message.editedSubject, text: message.editedText });
  let receipt: SendReceipt;
  try {
    // Aborted well before the claim lapses, so no other worker can pick the message up mid-send.
    receipt = await d.mailer.send(mail, { signal: AbortSignal.timeout(d.settings.claimMs / 2) });
  } catch (error) {
    return handleFailure(d, { followUp, message, check, error, template: play.template.id });
  }
  await recordSent(d, {
    followUp,
    message,
    check,
    receipt,
    recipient: mail.to.address,
    subject: mail.subject,
    template: play.template.id,
  });
  return "sent";
}

/** Records an accepted send at once: the only window for a duplicate is a crash between the SMTP accept and this commit. */
async function recordSent(
  d: Delivery,
  o: {
    followUp: FollowUpRecord;
    message: OutboxRecord;
    check: FollowUpCheck;
    receipt: SendReceipt;
    recipient: string;
    subject: string;
    template: string;
  },
): Promise<void> {
  const at = d.now();
  await d.db.sql.transaction(async (tx) => {
    const fresh = await markOutboxSent(tx, {
      id: o.message.id,
      recipient: o.recipient,
      subject: o.subject,
      smtpResponse: o.receipt.response,
      raw: o.receipt.raw,
      now: at,
    });
    if (!fresh) {
      log.warn(
        { outboxId: o.message.id, messageId: o.message.messageId },
        "message was already recorded as sent: a duplicate send (same Message-ID)",
      );
      return;
    }
    const window = { start: at, end: new Date(at.getTime() + d.settings.windowMs) };
    await transitionFollowUp(tx, {
      id: o.followUp.id,
      from: [FollowUpStatus.Scheduled],
      to: FollowUpStatus.Sent,
      window,
      now: at,
    });
    await insertDecision(tx, {
      followUp: { ...o.followUp, template: o.template },
      status: DecisionStatus.Sent,
      detail: `${o.receipt.messageId} to ${o.recipient}: ${o.receipt.response}`,
      evidence: o.check.evidence,
      at,
    });
    await setCustomerState(tx, { customerId: o.followUp.customerId, fields: { lastContactedAt: at }, now: at });
  });
}

async function handleFailure(
  d: Delivery,
  o: { followUp: FollowUpRecord; message: OutboxRecord; check: FollowUpCheck; error: unknown; template: string },
): Promise<keyof DeliveryCounts> {
  const failure = classifySmtpError(o.error);
  const base = { followUp: o.followUp, message: o.message, check: o.check };
  if (failure.kind === SmtpFailureKind.Permanent) {
    const reason = failure.bounce ? OutreachReason.SmtpBounce : OutreachReason.SmtpPermanent;
    await endMessage(d, {
      ...base,
      status: FollowUpStatus.Failed,
      reason,
      detail: failure.message,
      bounced: failure.bounce,
    });
    return "failed";
  }
  const rejections = o.message.rejections + (failure.countsTowardLimit ? 1 : 0);
  if (rejections >= d.settings.retry.maxRejections) {
    const detail = `${rejections} transient SMTP replies, the last: ${failure.message}`;
    await endMessage(d, { ...base, status: FollowUpStatus.Failed, reason: OutreachReason.RetriesExhausted, detail });
    return "failed";
  }
  const at = d.now();
  const retryAt = new Date(at.getTime() + retryDelayMs(o.message.attempts, d.settings.retry));
  const dueAt = nextSendingTime(retryAt, {
    timeZone: o.check.facts!.customer.timezone,
    hours: d.settings.sendingHours,
  });
  await d.db.sql.transaction(async (tx) => {
    if (
      !(await deferOutbox(tx, {
        id: o.message.id,
        instance: d.settings.instance,
        dueAt,
        error: failure.message,
        rejection: failure.countsTowardLimit,
        now: at,
      }))
    )
      return;
    const detail = `attempt ${o.message.attempts}: ${failure.message}; next attempt ${dueAt.toISOString()}`;
    await insertDecision(tx, {
      followUp: { ...o.followUp, template: o.template },
      status: DecisionStatus.Deferred,
      reason: OutreachReason.SmtpTransient,
      detail,
      evidence: o.check.evidence,
      at,
    });
  });
  log.warn({ outboxId: o.message.id, attempt: o.message.attempts, dueAt, error: failure.message }, "send deferred");
  return "deferred";
}

/** Ends a message and its follow-up (cancelled or failed) with the reason, in one transaction. */
async function endMessage(
  d: Delivery,
  o: {
    followUp: FollowUpRecord;
    message: OutboxRecord;
    check: FollowUpCheck;
    status: typeof FollowUpStatus.Cancelled | typeof FollowUpStatus.Failed;
    reason: OutreachReason;
    detail: string;
    bounced?: boolean;
  },
): Promise<void> {
  const at = d.now();
  const evidence: DecisionEvidence = o.check.evidence;
  await d.db.sql.transaction(async (tx) => {
    const outbox = o.status === FollowUpStatus.Cancelled ? OutboxStatus.Cancelled : OutboxStatus.Failed;
    if (!(await closeOutbox(tx, { id: o.message.id, status: outbox, error: `${o.reason}: ${o.detail}`, now: at })))
      return;
    await transitionFollowUp(tx, {
      id: o.followUp.id,
      from: [FollowUpStatus.Scheduled],
      to: o.status,
      reason: o.reason,
      now: at,
    });
    await insertDecision(tx, {
      followUp: o.followUp,
      status: o.status,
      reason: o.reason,
      detail: o.detail,
      evidence,
      at,
    });
    if (o.bounced)
      await setCustomerState(tx, {
        customerId: o.followUp.customerId,
        fields: { bouncedAt: at },
        keepExisting: ["bouncedAt"],
        now: at,
      });
  });
}
