import { countFollowUps, type Database, type FollowUpCountRow } from "../db/index.ts";
import { Arm, FollowUpStatus, Outcome } from "../outreach-statuses.ts";
import { proportionDifference, wilsonInterval } from "./difference-interval.ts";

/** One arm of the experiment. Retention is stayed / (stayed + churned), in percent, over ended windows. */
export interface ArmSummary {
  /** Decided into this arm and not suppressed. */
  assigned: number;
  /** Still before the send (treatment) or the planned send (holdout). */
  waiting: number;
  /** Sent (treatment) or held out at the planned send (holdout): the windows that count. */
  reached: number;
  failed: number;
  cancelled: { total: number; byReason: Record<string, number> };
  stayed: number;
  churned: number;
  /** Reached, window not ended yet. */
  windowOpen: number;
  retention: { rate: number | null; ci95: [number, number] | null };
}

export interface OutreachSummary {
  followUps: number;
  scheduled: number;
  sent: number;
  heldOut: number;
  suppressed: { total: number; byReason: Record<string, number> };
  treatment: ArmSummary;
  holdout: ArmSummary;
  /** Treated minus holdout retention, in percentage points, with its 95 % interval; null until both arms have ended windows. */
  difference: { points: number; ci95: [number, number]; method: string } | null;
}

export interface OutreachReport {
  generatedAt: string;
  filters: { play?: string; from?: string; to?: string };
  total: OutreachSummary;
  byPlay: Record<string, OutreachSummary>;
  /** By month of the planned send (UTC, YYYY-MM). */
  byMonth: Record<string, OutreachSummary>;
}

function emptyArm(): ArmSummary {
  return {
    assigned: 0,
    waiting: 0,
    reached: 0,
    failed: 0,
    cancelled: { total: 0, byReason: {} },
    stayed: 0,
    churned: 0,
    windowOpen: 0,
    retention: { rate: null, ci95: null },
  };
}

const bump = (counts: Record<string, number>, key: string, n: number) => (counts[key] = (counts[key] ?? 0) + n);

/** Adds up count rows into one summary. */
export function summarizeFollowUps(rows: FollowUpCountRow[]): OutreachSummary {
  const s: OutreachSummary = {
    followUps: 0,
    scheduled: 0,
    sent: 0,
    heldOut: 0,
    suppressed: { total: 0, byReason: {} },
    treatment: emptyArm(),
    holdout: emptyArm(),
    difference: null,
  };
  for (const r of rows) {
    s.followUps += r.n;
    if (r.status === FollowUpStatus.Suppressed) {
      s.suppressed.total += r.n;
      bump(s.suppressed.byReason, r.reason ?? "unknown", r.n);
      continue;
    }
    const arm = r.arm === Arm.Holdout ? s.holdout : s.treatment;
    arm.assigned += r.n;
    if (r.status === FollowUpStatus.Cancelled) {
      arm.cancelled.total += r.n;
      bump(arm.cancelled.byReason, r.reason ?? "unknown", r.n);
    } else if (r.status === FollowUpStatus.Failed) arm.failed += r.n;
    else if (!r.windowed) arm.waiting += r.n;
    else {
      arm.reached += r.n;
      if (r.outcome === Outcome.Stayed) arm.stayed += r.n;
      else if (r.outcome === Outcome.Churned) arm.churned += r.n;
      else arm.windowOpen += r.n;
    }
  }
  s.scheduled = s.treatment.assigned;
  s.sent = s.treatment.reached;
  s.heldOut = s.holdout.assigned;
  for (const arm of [s.treatment, s.holdout]) {
    const n = arm.stayed + arm.churned;
    const [lo, hi] = wilsonInterval(arm.stayed, n);
    arm.retention = n ? { rate: (arm.stayed / n) * 100, ci95: [lo * 100, hi * 100] } : { rate: null, ci95: null };
  }
  const diff = proportionDifference(
    s.treatment.stayed,
    s.treatment.stayed + s.treatment.churned,
    s.holdout.stayed,
    s.holdout.stayed + s.holdout.churned,
  );
  if (diff)
    s.difference = {
      points: diff.difference * 100,
      ci95: [diff.ci95[0] * 100, diff.ci95[1] * 100],
      method: "Newcombe hybrid score (Wilson), 95 %",
    };
  return s;
}

function groupBy(rows: FollowUpCountRow[], key: (r: FollowUpCountRow) => string): Record<string, OutreachSummary> {
  const groups = new Map<string, FollowUpCountRow[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return Object.fromEntries([...groups.keys()].sort().map((k) => [k, summarizeFollowUps(groups.get(k)!)]));
}

/**
 * The outreach report: follow-ups decided, scheduled, sent, suppressed by reason, held out,
 * and for each arm the customers who stayed or churned by the end of their retention window;
 * the retention difference treated − holdout with a 95 % interval. Overall, per play and per month.
 */
export async function buildOutreachReport(
  db: Database,
  filters: { play?: string; from?: Date; to?: Date } = {},
  now = new Date(),
): Promise<OutreachReport> {
  const rows = await countFollowUps(db.sql, filters);
  return {
    generatedAt: now.toISOString(),
    filters: {
      play: filters.play,
      from: filters.from?.toISOString().slice(0, 10),
      to: filters.to?.toISOString().slice(0, 10),
    },
    total: summarizeFollowUps(rows),
    byPlay: groupBy(rows, (r) => r.play),
    byMonth: groupBy(rows, (r) => r.month),
  };
}
