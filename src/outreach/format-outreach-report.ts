import type { ArmSummary, OutreachReport, OutreachSummary } from "./build-outreach-report.ts";
import { reasonLabel } from "./outreach-reasons.ts";
import type { OutreachRunCounts } from "./run-outreach.ts";

const reasons = (byReason: Record<string, number>) =>
  Object.entries(byReason)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${reasonLabel(r)} ${n}`)
    .join(", ") || "none";

const pct = (arm: ArmSummary) =>
  arm.retention.rate === null
    ? "–"
    : `${arm.retention.rate.toFixed(1)} % [${arm.retention.ci95![0].toFixed(1)}–${arm.retention.ci95![1].toFixed(1)}]`;

const diff = (s: OutreachSummary) =>
  s.difference
    ? `${s.difference.points >= 0 ? "+" : ""}${s.difference.points.toFixed(1)} pp ` +
      `[${s.difference.ci95[0].toFixed(1)}, ${s.difference.ci95[1].toFixed(1)}]`
    : "–";

function pad(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("   "))
    .join("\n");
}

/** The arms side by side, suppressions and cancellations by reason, and the retention difference. */
function formatSummary(s: OutreachSummary): string {
  const t = s.treatment;
  const h = s.holdout;
  const rows = [
    ["", "treated", "holdout"],
    ["assigned", String(t.assigned), String(h.assigned)],
    ["waiting for the send", String(t.waiting), String(h.waiting)],
    ["sent / held out", String(t.reached), String(h.reached)],
    ["cancelled", String(t.cancelled.total), String(h.cancelled.total)],
    ["failed", String(t.failed), String(h.failed)],
    ["stayed", String(t.stayed), String(h.stayed)],
    ["churned", String(t.churned), String(h.churned)],
    ["window still open", String(t.windowOpen), String(h.windowOpen)],
    ["retention (95 % CI)", pct(t), pct(h)],
  ];
  return [
    `follow-ups decided: ${s.followUps}; scheduled ${s.scheduled}, sent ${s.sent}, held out ${s.heldOut}`,
    `suppressed when decided: ${s.suppressed.total} (${reasons(s.suppressed.byReason)})`,
    `cancelled before sending: treated ${reasons(t.cancelled.byReason)}; holdout ${reasons(h.cancelled.byReason)}`,
    "",
    pad(rows),
    "",
    `retention difference, treated − holdout: ` +
      `${diff(s)}${s.difference ? ` (${s.difference.method})` : " (needs ended windows in both arms)"}`,
  ].join("\n");
}

function formatGroups(title: string, groups: Record<string, OutreachSummary>): string {
  const keys = Object.keys(groups);
  if (!keys.length) return "";
  const rows = [
    [title, "decided", "sent", "held out", "suppressed", "treated retention", "holdout retention", "difference"],
  ];
  for (const k of keys) {
    const s = groups[k];
    rows.push([
      k,
      String(s.followUps),
      String(s.sent),
      String(s.holdout.reached),
      String(s.suppressed.total),
      pct(s.treatment),
      pct(s.holdout),
      diff(s),
    ]);
  }
  return `\n${pad(rows)}\n`;
}

/** The outreach report as text for the terminal. */
export function formatOutreachReport(report: OutreachReport): string {
  return `${formatSummary(report.total)}\n${formatGroups("play", report.byPlay)}${formatGroups("month", report.byMonth)}`;
}

/** One pass of `retain outreach run`, in a few lines. */
export function formatRunCounts(c: OutreachRunCounts): string {
  const skipped = Object.entries(c.schedule.skipped)
    .map(([result, n]) => `${result.replace(/_/g, " ")} ${n}`) // not_at_risk → "not at risk"
    .join(", ");
  return [
    `decided: ${c.schedule.triggers} closed ticket(s) → scheduled ${c.schedule.scheduled}, held out ` +
      `${c.schedule.heldOut}, suppressed ` +
      `${c.schedule.suppressed}${skipped ? ` (no follow-up: ${skipped})` : ""}`,
    `holdout at planned time: ${c.holdout.heldOut} held out, ${c.holdout.cancelled} cancelled`,
    ...(c.reviewExpired ? [`review: ${c.reviewExpired} held follow-up(s) skipped, nobody reviewed them in time`] : []),
    `delivery: sent ${c.delivery.sent}, deferred ${c.delivery.deferred}, failed ${c.delivery.failed}, cancelled ${c.delivery.cancelled}`,
    `outcomes recorded: ${c.outcomes.stayed} stayed, ${c.outcomes.churned} churned (${c.durationMs} ms)`,
  ].join("\n");
}
