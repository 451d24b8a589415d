import { moneyFormatter } from "../money/index.ts";
import type { Digest } from "./digest-types.ts";
import { RENEWAL_WINDOW_DAYS } from "./find-renewals-at-risk.ts";

/** One line of a digest: what it is about, its link, and the facts after it. */
export interface DigestLine {
  label: string;
  url: string;
  detail: string;
}

/** A digest section as words, for the text and HTML bodies alike. */
export interface DigestPart {
  heading: string;
  lines: DigestLine[];
  /** The items not listed and where to see them; null when every one is listed. */
  more: { count: number; url: string } | null;
}

const percent = (p: number) => `${Math.round(p * 100)}%`;

function inDays(days: number): string {
  if (days === 0) return "today";
  return days === 1 ? "tomorrow" : `in ${days} days`;
}

/** "09:05" in `timeZone`. */
function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    at,
  );
}

/**
 * The digest's non-empty sections in reading order (newly at risk, biggest risers, renewals at risk, follow-ups
 * sent yesterday), each item with its customer-page link and its facts: money in `currency`, times in `timeZone`.
 */
export function describeDigest(
  d: Digest,
  options: { currency: string; timeZone: string; publicUrl: string },
): DigestPart[] {
  const money = moneyFormatter(options.currency);
  const list = (query: string) => `${options.publicUrl}/at-risk?owner=me&${query}`;
  const more = (section: { items: unknown[]; total: number }, url: string) =>
    section.total > section.items.length ? { count: section.total - section.items.length, url } : null;
  const parts: DigestPart[] = [
    {
      heading: `Newly at risk (${d.newlyAtRisk.total})`,
      lines: d.newlyAtRisk.items.map((c) => ({
        label: c.name,
        url: c.url,
        detail: [`risk ${percent(c.probability)}`, `MRR ${money(c.mrr)}`, c.reason].filter(Boolean).join(" · "),
      })),
      more: more(d.newlyAtRisk, list("scope=newly_at_risk")),
    },
    {
      heading: `Biggest risers since the last run (${d.risers.items.length} of ${d.risers.total})`,
      lines: d.risers.items.map((c) => ({
        label: c.name,
        url: c.url,
        detail:
          `risk ${percent(c.previous)} → ${percent(c.probability)} ` +
          `(+${Math.round((c.probability - c.previous) * 100)} pts) · MRR ${money(c.mrr)}`,
      })),
      more: null,
    },
    {
      heading: `Renewals at risk in the next ${RENEWAL_WINDOW_DAYS} days (${d.renewalsAtRisk.total})`,
      lines: d.renewalsAtRisk.items.map((c) => ({
        label: c.name,
        url: c.url,
        detail: `renews ${c.renewalDate} (${inDays(c.daysToRenewal)}) · risk ${percent(c.probability)} · MRR ${money(c.mrr)}`,
      })),
      more: more(d.renewalsAtRisk, list("sort=renewal&order=asc")),
    },
    {
      heading: `Follow-ups sent in your name yesterday (${d.followUps.total})`,
      lines: d.followUps.items.map((f) => ({
        label: f.customer.name,
        url: f.customer.url,
        detail: [f.subject ? `“${f.subject}”` : null, `sent ${localTime(f.sentAt, options.timeZone)}`]
          .filter(Boolean)
          .join(" · "),
      })),
      more: more(d.followUps, `${options.publicUrl}/outreach`),
    },
  ];
  return parts.filter((p) => p.lines.length > 0);
}
