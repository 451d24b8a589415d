import type { DigestOutcome, DigestRunResult } from "../digest/index.ts";
import { Cells, formatTable } from "./format-table.ts";

/** A digest outcome's status in words. */
const STATUS_WORDS: Record<DigestOutcome["status"], string> = {
  sent: "sent",
  nothing_to_send: "nothing to send",
  already_sent: "already sent today",
  failed: "failed",
  would_send: "would send",
};

/** What `retain digest send` prints: one row per recipient, then the summary (and where the emails went). */
export function formatDigestResult(result: DigestRunResult, options: { outbox: string | null }): string {
  const lines: string[] = [];
  if (!result.runs) lines.push(`No complete risk run up to ${result.date} yet: only follow-ups can be reported.`);
  if (result.outcomes.length === 0) {
    lines.push(
      "Nobody to send to: no active csm or admin user owns an account (retain users add, then assign owners).",
    );
    return lines.join("\n");
  }
  lines.push(
    formatTable(result.outcomes, [
      { header: "to", value: (o) => `${o.name} <${o.email}>` },
      {
        header: result.dryRun ? "would" : "status",
        value: (o) => STATUS_WORDS[o.status] + (o.error ? `: ${o.error}` : ""),
      },
      { header: "newly", value: (o) => o.counts.newlyAtRisk, format: Cells.count },
      { header: "risers", value: (o) => o.counts.risers, format: Cells.count },
      { header: "renewals", value: (o) => o.counts.renewalsAtRisk, format: Cells.count },
      { header: "follow-ups", value: (o) => o.counts.followUps, format: Cells.count },
      { header: "subject", value: (o) => o.subject },
    ]),
  );
  const t = result.totals;
  const counts = result.dryRun
    ? [`would send ${t.would_send}`, `nothing to send ${t.nothing_to_send}`, `already sent today ${t.already_sent}`]
    : [
        `sent ${t.sent}`,
        `nothing to send ${t.nothing_to_send}`,
        `already sent today ${t.already_sent}`,
        `failed ${t.failed}`,
      ];
  lines.push("", `Digest of ${result.date}${result.dryRun ? " (dry run: nothing sent)" : ""}: ${counts.join(" · ")}`);
  if (!result.dryRun && t.sent && options.outbox)
    lines.push(`SMTP_URL is not set: written as .eml files to ${options.outbox}`);
  if (t.failed) lines.push("A later `retain digest send` retries the failed ones.");
  return lines.join("\n");
}
