import {
  confirmHeldOut,
  insertDecision,
  listHeldOutDue,
  transitionFollowUp,
  type Database,
  type FollowUpRecord,
} from "../db/index.ts";
import { DecisionStatus, FollowUpStatus } from "../outreach-statuses.ts";
import { checkFollowUp } from "./check-follow-up.ts";
import type { OutreachSettings } from "./outreach-settings.ts";

export interface HoldoutCounts {
  /** Reached the planned send with no rule blocking: no email, window started. */
  heldOut: number;
  /** Stopped by a rule at the planned send, as a treated follow-up would have been. */
  cancelled: number;
}

/**
 * Held-out follow-ups whose planned send time has come go through the same re-check as a
 * real send: blocked ones are cancelled with the reason, the others are confirmed held out
 * and their retention window starts at the planned send. Recorded like the treated arm.
 */
export async function settleHeldOut(options: {
  db: Database;
  settings: OutreachSettings;
  now: () => Date;
}): Promise<HoldoutCounts> {
  const { db, settings, now } = options;
  const counts: HoldoutCounts = { heldOut: 0, cancelled: 0 };
  for (;;) {
    const due = await listHeldOutDue(db.sql, { now: now(), limit: settings.batchSize });
    const before = counts.heldOut + counts.cancelled;
    for (const followUp of due) await settleOne({ db, settings, followUp, at: now(), counts });
    if (due.length < settings.batchSize || counts.heldOut + counts.cancelled === before) return counts;
  }
}

/** Confirms or cancels one held-out follow-up; a no-op when another worker settled it first. */
async function settleOne(options: {
  db: Database;
  settings: OutreachSettings;
  followUp: FollowUpRecord;
  at: Date;
  counts: HoldoutCounts;
}): Promise<void> {
  const { db, settings, followUp, at, counts } = options;
  const check = await checkFollowUp({ sql: db.sql, followUp, settings, now: at });
  await db.sql.transaction(async (tx) => {
    if (check.block) {
      const moved = await transitionFollowUp(tx, {
        id: followUp.id,
        from: [FollowUpStatus.HeldOut],
        to: FollowUpStatus.Cancelled,
        reason: check.block.reason,
        now: at,
      });
      if (!moved) return;
      await insertDecision(tx, {
        followUp,
        status: DecisionStatus.Cancelled,
        reason: check.block.reason,
        detail: `holdout: ${check.block.detail}`,
        evidence: check.evidence,
        at,
      });
      counts.cancelled++;
      return;
    }
    const window = { start: followUp.plannedAt, end: new Date(followUp.plannedAt.getTime() + settings.windowMs) };
    if (!(await confirmHeldOut(tx, { id: followUp.id, window, now: at }))) return;
    await insertDecision(tx, {
      followUp,
      status: DecisionStatus.HeldOut,
      detail: "planned send time reached; no email (holdout)",
      evidence: check.evidence,
      at,
    });
    counts.heldOut++;
  });
}
