import type { DigestCounts } from "./digest-types.ts";

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "Retain: 3 newly at risk, 2 renewals at risk — Tue 1 Dec": the at-risk news first; a digest with neither says
 * its risers and follow-ups instead.
 */
export function digestSubject(counts: DigestCounts, dayLabel: string): string {
  const headline = [
    counts.newlyAtRisk ? `${counts.newlyAtRisk} newly at risk` : null,
    counts.renewalsAtRisk ? `${count(counts.renewalsAtRisk, "renewal")} at risk` : null,
  ].filter(Boolean);
  const rest = [
    counts.risers ? `${count(counts.risers, "riser")}` : null,
    counts.followUps ? `${count(counts.followUps, "follow-up")} sent` : null,
  ].filter(Boolean);
  return `Retain: ${(headline.length ? headline : rest).join(", ") || "nothing new"} — ${dayLabel}`;
}
