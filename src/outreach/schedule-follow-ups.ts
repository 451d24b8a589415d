import { randomBytes } from "node:crypto";
import {
  claimTrigger,
  insertDecision,
  insertFollowUp,
  insertOutbox,
  listPendingTriggers,
  loadLatestRisk,
  loadTicketFacts,
  lockCustomer,
  setTriggerResult,
  type Database,
  type LatestRisk,
  type SqlClient,
  type TicketFacts,
} from "../db/index.ts";
import {
  Arm,
  DecisionStatus,
  FollowUpStatus,
  TriggerResult,
  type TriggerResult as Result,
} from "../outreach-statuses.ts";
import { findCapConflict } from "../db/repositories/outreach-facts.ts";
import { writeDrivers } from "../features/index.ts";
import { assignArm } from "./holdout.ts";
import type { Play } from "./load-plays.ts";
import type { OutreachSettings } from "./outreach-settings.ts";
import { findBlockingRule, RulePhase } from "./send-rules.ts";
import { nextSendingTime } from "./sending-window.ts";

export interface ScheduleCounts {
  triggers: number;
  scheduled: number;
  heldOut: number;
  suppressed: number;
  /** Triggers that decided nothing, by why (not at risk, not closed, duplicate…). */
  skipped: Partial<Record<Result, number>>;
}

/**
 * Decides the follow-ups of queued ticket closings: for each at-risk customer's closed
 * ticket and each play, one follow-up — suppressed (with the rule that stopped it), held out
 * (the play's random control group) or scheduled (with an outbox message) for closed_at +
 * delay moved into the customer's sending hours. Each trigger is decided in one transaction
 * with the customer locked, so racing workers cannot break the frequency cap.
 */
export async function scheduleFollowUps(options: {
  db: Database;
  settings: OutreachSettings;
  plays: Play[];
  now: () => Date;
}): Promise<ScheduleCounts> {
  const { db, settings, plays, now } = options;
  const counts: ScheduleCounts = { triggers: 0, scheduled: 0, heldOut: 0, suppressed: 0, skipped: {} };
  for (;;) {
    const pending = await listPendingTriggers(db.sql, settings.batchSize);
    let mine = 0;
    for (const trigger of pending) {
      const outcome = await db.sql.transaction(async (tx) => {
        const at = now();
        if (!(await claimTrigger(tx, { id: trigger.id, now: at }))) return null;
        const decided = await decideTicket(tx, { ticketId: trigger.ticketId, settings, plays, now: at });
        await setTriggerResult(tx, { id: trigger.id, result: decided.result });
        return decided;
      });
      if (!outcome) continue;
      mine++;
      counts.triggers++;
      for (const status of outcome.statuses) {
        if (status === FollowUpStatus.Scheduled) counts.scheduled++;
        else if (status === FollowUpStatus.HeldOut) counts.heldOut++;
        else counts.suppressed++;
      }
      if (outcome.result !== TriggerResult.Decided)
        counts.skipped[outcome.result] = (counts.skipped[outcome.result] ?? 0) + 1;
    }
    if (pending.length < settings.batchSize || mine === 0) return counts;
  }
}

/** Checks the ticket qualifies, then decides one follow-up per play. */
async function decideTicket(
  tx: SqlClient,
  options: { ticketId: number; settings: OutreachSettings; plays: Play[]; now: Date },
): Promise<{ result: Result; statuses: string[] }> {
  const { ticketId, settings, plays, now } = options;
  const facts = await loadTicketFacts(tx, ticketId);
  if (!facts) return { result: TriggerResult.UnknownTicket, statuses: [] };
  const closedAt = facts.ticket.closedAt;
  if (!closedAt) return { result: TriggerResult.NotClosed, statuses: [] };
  if (closedAt.getTime() < now.getTime() - settings.maxAgeMs) return { result: TriggerResult.Stale, statuses: [] };
  const latest = await loadLatestRisk(tx, facts.customer.id);
  if (!latest) return { result: TriggerResult.NoRiskRun, statuses: [] };
  if (!latest.atRisk) return { result: TriggerResult.NotAtRisk, statuses: [] };
  await lockCustomer(tx, facts.customer.id);
  const statuses: string[] = [];
  for (const play of plays) {
    const status = await decidePlay(tx, { facts, closedAt, latest, play, settings, now });
    if (status) statuses.push(status);
  }
  return { result: statuses.length ? TriggerResult.Decided : TriggerResult.Duplicate, statuses };
}

/** One play's follow-up: recorded with its evidence in the decision log; null when it existed already. */
async function decidePlay(
  tx: SqlClient,
  options: {
    facts: TicketFacts;
    closedAt: Date;
    latest: LatestRisk;
    play: Play;
    settings: OutreachSettings;
    now: Date;
  },
): Promise<string | null> {
  const { facts, closedAt, latest, play, settings, now } = options;
  const { customer, ticket } = facts;
  const delayMs = play.delayHours !== undefined ? play.delayHours * 3_600_000 : settings.delayMs;
  const earliest = new Date(Math.max(closedAt.getTime() + delayMs, now.getTime()));
  const plannedAt = nextSendingTime(earliest, { timeZone: customer.timezone, hours: settings.sendingHours });
  const share = play.holdoutPercent !== undefined ? play.holdoutPercent / 100 : settings.holdoutShare;
  const arm = assignArm({ play: play.name, customerKey: customer.externalId, share });
  const capConflictAt = await findCapConflict(tx, { customerId: customer.id, at: plannedAt, capMs: settings.capMs });
  const block = findBlockingRule({
    phase: RulePhase.Schedule,
    now,
    plannedAt,
    email: customer.email,
    churnDate: customer.churnDate,
    state: facts.state,
    atRisk: latest.atRisk,
    ticket,
    otherOpenTickets: 0,
    capConflict: capConflictAt !== null,
    capConflictAt,
    capMs: settings.capMs,
    expireMs: settings.expireMs,
  });
  const status = block
    ? FollowUpStatus.Suppressed
    : arm === Arm.Holdout
      ? FollowUpStatus.HeldOut
      : FollowUpStatus.Scheduled;
  const followUp = {
    customerId: customer.id,
    ticketId: ticket.id,
    play: play.name,
    template: play.template.id,
    arm,
    status,
    reason: block?.reason ?? null,
    closedAt,
    reopenedCount: ticket.reopenedCount,
    plannedAt,
    runId: latest.runId,
    modelVersion: latest.modelVersion,
    score: latest.score ?? 0,
    drivers: latest.drivers ?? writeDrivers([]),
    rule: latest.rule,
  };
  const id = await insertFollowUp(tx, followUp, now);
  if (id === null) return null;
  const detail =
    block?.detail ??
    (arm === Arm.Holdout
      ? `holdout (${Math.round(share * 100)} % of customers): no email`
      : `closed ${closedAt.toISOString()}`);
  await insertDecision(tx, {
    followUp: { ...followUp, id },
    status,
    reason: block?.reason,
    detail,
    evidence: latest,
    at: now,
  });
  if (status === FollowUpStatus.Scheduled) {
    const domain = settings.sender.address.split("@")[1];
    const hold = reviewHold({ play, settings, mrr: customer.mrr, plannedAt });
    await insertOutbox(tx, {
      followUpId: id,
      messageId: `<retain.${id}.${randomBytes(6).toString("hex")}@${domain}>`,
      dueAt: plannedAt,
      now,
      reviewUntil: hold?.until,
    });
    if (hold)
      await insertDecision(tx, {
        followUp: { ...followUp, id },
        status: DecisionStatus.HeldForReview,
        detail: `MRR ${customer.mrr} is above ${hold.mrrAbove}: held for the owner's review until ${hold.until.toISOString()}`,
        evidence: latest,
        at: now,
      });
  }
  return status;
}

/**
 * Whether a scheduled follow-up waits for its owner's review: when the account's MRR is above the play's
 * review.mrrAbove (else RETAIN_OUTREACH_REVIEW_MRR), until its window after the planned send ends.
 */
function reviewHold(options: {
  play: Play;
  settings: OutreachSettings;
  mrr: number;
  plannedAt: Date;
}): { mrrAbove: number; until: Date } | null {
  const { play, settings, mrr, plannedAt } = options;
  const mrrAbove = play.review?.mrrAbove ?? settings.reviewMrrAbove;
  if (mrrAbove === null || !(mrr > mrrAbove)) return null;
  const windowMs = play.review?.windowHours !== undefined ? play.review.windowHours * 3_600_000 : settings.expireMs;
  return { mrrAbove, until: new Date(plannedAt.getTime() + windowMs) };
}
