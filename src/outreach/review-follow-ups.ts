import type { Database } from "../db/index.ts";
import { insertDecision, transitionFollowUp } from "../db/index.ts";
import { loadLatestRisk, loadTicketFacts } from "../db/repositories/outreach-facts.ts";
import { getFollowUp } from "../db/repositories/outreach-follow-ups.ts";
import {
  approveHeld,
  closeHeld,
  getOutboxMessage,
  listHeldFollowUps,
  listLapsedReviews,
  type HeldFollowUp,
} from "../db/repositories/outreach-review.ts";
import { AppError, ErrorCode } from "../errors.ts";
import type { Mailer, OutgoingMail } from "../mail/index.ts";
import { DecisionStatus, FollowUpStatus } from "../outreach-statuses.ts";
import { applyReviewEdits } from "./apply-review-edits.ts";
import { composeFollowUpMail } from "./compose-follow-up-mail.ts";
import { deliverOutboxMessage, type DeliveryCounts } from "./deliver-due-messages.ts";
import type { Play } from "./load-plays.ts";
import { OutreachReason } from "./outreach-reasons.ts";
import type { OutreachSettings } from "./outreach-settings.ts";

/** A held follow-up with the email as it would go now (the reviewer's edits applied). */
export interface ReviewItem extends HeldFollowUp {
  mail: OutgoingMail | null;
}

interface ReviewDeps {
  db: Database;
  settings: OutreachSettings;
  plays: Play[];
  now: () => Date;
}

/** Follow-ups waiting for review, `reviewer`'s own accounts first, each rendered as it would go out now. */
export async function listReviewQueue(
  deps: ReviewDeps & { reviewer: string | null; limit?: number },
): Promise<ReviewItem[]> {
  const held = await listHeldFollowUps(deps.db.sql, { ownerEmail: deps.reviewer, limit: deps.limit ?? 100 });
  return Promise.all(held.map(async (h) => ({ ...h, mail: await renderHeld(deps, h) })));
}

async function renderHeld(deps: ReviewDeps, h: HeldFollowUp): Promise<OutgoingMail | null> {
  const followUp = await getFollowUp(deps.db.sql, h.followUpId);
  const play = deps.plays.find((p) => p.name === followUp?.play);
  const facts = await loadTicketFacts(deps.db.sql, h.ticketId);
  if (!followUp || !play || !facts) return null;
  const mail = composeFollowUpMail({
    facts,
    template: play.template,
    settings: deps.settings,
    messageId: "<review@local>",
  });
  return applyReviewEdits(mail, { subject: h.editedSubject, text: h.editedText });
}

/** What "send now" did, in words (the review page's notice and the API's `words`). */
export const SEND_NOW_OUTCOMES: Record<keyof DeliveryCounts, string> = {
  sent: "Sent.",
  cancelled: "Not sent: a rule stopped it just before sending; the outreach log says why.",
  failed: "Not sent: the mail server refused it; the outreach log says why.",
  deferred: "Delayed: the mail server did not take it yet; it is tried again later.",
};

const HELD_NO_MORE = (id: number) =>
  new AppError(ErrorCode.Conflict, `follow-up email ${id} is no longer waiting for review (sent, skipped or expired)`);

/**
 * "Send now": approves a held follow-up with the reviewer's edits (blank = as rendered) and sends it at once
 * through the worker's path, so every rule is re-checked (cap, consent, reopened…): `cancelled` then says why.
 */
export async function sendHeldNow(
  deps: ReviewDeps & { mailer: Mailer; outboxId: number; reviewer: string; subject?: string; text?: string },
): Promise<keyof DeliveryCounts> {
  const { db, outboxId, reviewer } = deps;
  const [held] = await listHeldFollowUps(db.sql, { ownerEmail: null, limit: 1, outboxId });
  if (!held) throw HELD_NO_MORE(outboxId);
  // What the reviewer left as rendered stays unedited (the play's own HTML goes out then).
  const rendered = await renderHeld(deps, { ...held, editedSubject: null, editedText: null });
  const same = (a: string, b?: string) => a.replace(/\r\n?/g, "\n").trimEnd() === b?.replace(/\r\n?/g, "\n").trimEnd();
  const subject =
    deps.subject?.trim() && !same(rendered?.subject ?? "", deps.subject.trim()) ? deps.subject.trim() : null;
  const text = deps.text?.trim() && !same(rendered?.text ?? "", deps.text) ? deps.text.replace(/\r\n?/g, "\n") : null;
  if (!(await approveHeld(db.sql, { outboxId, reviewer, subject, text, now: deps.now() })))
    throw HELD_NO_MORE(outboxId);
  const outcome = await deliverOutboxMessage({ ...deps, outboxId });
  if (!outcome) throw new AppError(ErrorCode.Conflict, `follow-up email ${outboxId} is being sent by another worker`);
  return outcome;
}

/** "Skip": the held follow-up is not sent; recorded as cancelled (review_skipped) with who and why. */
export async function skipHeld(
  deps: ReviewDeps & { outboxId: number; reviewer: string; reason: string },
): Promise<void> {
  const reason = deps.reason.replace(/\s+/g, " ").trim();
  if (!reason) throw new AppError(ErrorCode.BadInput, "reason: expected why this email is skipped, found nothing");
  const ended = await endHeld(deps, {
    review: "skipped",
    reason: OutreachReason.ReviewSkipped,
    detail: `skipped by ${deps.reviewer}: ${reason.slice(0, 500)}`,
  });
  if (!ended) throw HELD_NO_MORE(deps.outboxId);
}

/** Held follow-ups nobody reviewed within their window: cancelled (review_expired) and recorded. Resolves to how many. */
export async function expireLapsedReviews(deps: ReviewDeps): Promise<number> {
  let expired = 0;
  for (const outboxId of await listLapsedReviews(deps.db.sql, { now: deps.now(), limit: deps.settings.batchSize })) {
    const message = await getOutboxMessage(deps.db.sql, outboxId);
    const until = message?.reviewUntil?.toISOString() ?? "its review window";
    const detail = `nobody reviewed it by ${until}`;
    if (
      await endHeld(
        { ...deps, outboxId, reviewer: null },
        { review: "expired", reason: OutreachReason.ReviewExpired, detail },
      )
    )
      expired++;
  }
  return expired;
}

async function endHeld(
  deps: ReviewDeps & { outboxId: number; reviewer: string | null },
  o: { review: "skipped" | "expired"; reason: OutreachReason; detail: string },
): Promise<boolean> {
  const { db, outboxId, reviewer } = deps;
  const at = deps.now();
  return db.sql.transaction(async (tx) => {
    const message = await getOutboxMessage(tx, outboxId);
    if (!message) return false;
    const error = `${o.reason}: ${o.detail}`;
    if (!(await closeHeld(tx, { outboxId, review: o.review, reviewer, error, now: at }))) return false;
    const followUp = (await getFollowUp(tx, message.followUpId))!;
    await transitionFollowUp(tx, {
      id: followUp.id,
      from: [FollowUpStatus.Scheduled],
      to: FollowUpStatus.Cancelled,
      reason: o.reason,
      now: at,
    });
    const latest = await loadLatestRisk(tx, followUp.customerId);
    await insertDecision(tx, {
      followUp,
      status: DecisionStatus.Cancelled,
      reason: o.reason,
      detail: o.detail,
      evidence: latest ?? {
        runId: followUp.runId,
        modelVersion: followUp.modelVersion,
        score: followUp.score,
        drivers: followUp.drivers,
        rule: followUp.rule,
      },
      at,
    });
    return true;
  });
}
