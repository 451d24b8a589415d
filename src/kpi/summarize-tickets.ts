import type { TicketStatsRow } from "../db/repositories/kpi/index.ts";
import { durationStats } from "./duration-stats.ts";
import type { TicketKpis } from "./kpi-report.ts";
import { percent } from "./retention-share.ts";

const MS_PER_HOUR = 3_600_000;

/**
 * Ticket KPIs of tickets created in P, from their stats per group (see ticketStats): counts,
 * resolution rate, first-response and resolution statistics over every group together; with
 * `perChannel` (rows grouped by channel), also the volume per channel.
 */
export function summarizeTickets(rows: TicketStatsRow[], options: { perChannel?: boolean } = {}): TicketKpis {
  const perGroup = new Map<string, number>();
  let [created, resolvedByEnd] = [0, 0];
  for (const r of rows) {
    created += r.created;
    resolvedByEnd += r.resolvedByEnd;
    const key = r.grp ?? "other";
    perGroup.set(key, (perGroup.get(key) ?? 0) + r.created);
  }
  return {
    created,
    firstResponse: durationStats(hoursOf(rows.map((r) => r.firstResponseMs))),
    resolution: durationStats(hoursOf(rows.map((r) => r.resolutionMs))),
    resolvedByEnd,
    resolutionRate: percent(resolvedByEnd, created),
    ...(options.perChannel ? { byChannel: volumeByChannel(perGroup) } : {}),
  };
}

/** The groups' millisecond lists as one list of hours. */
function hoursOf(lists: Float64Array[]): Float64Array {
  const hours = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
  let i = 0;
  for (const list of lists) for (const ms of list) hours[i++] = ms / MS_PER_HOUR;
  return hours;
}

/** Tickets per channel, largest first. */
function volumeByChannel(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
