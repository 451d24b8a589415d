import type { TicketStatsRow } from "../db/repositories/kpi/index.ts";
import { durationStats, type TicketDurations } from "./duration-stats.ts";
import type { TicketKpis } from "./kpi-report.ts";
import { percent } from "./retention-share.ts";

const NO_DURATIONS: TicketDurations = { firstResponse: durationStats([]), resolution: durationStats([]) };

/**
 * Ticket KPIs of tickets created in P from their per-channel (or per-agent) counts and
 * their duration statistics; with `perChannel` rows, also the volume per channel.
 */
export function summarizeTickets(stats: TicketStatsRow[], durations: TicketDurations = NO_DURATIONS, options: { perChannel?: boolean } = {}): TicketKpis {
  const created = stats.reduce((s, r) => s + Number(r.created), 0);
  const resolvedByEnd = stats.reduce((s, r) => s + Number(r.resolved_by_end ?? 0), 0);
  return {
    created,
    ...durations,
    resolvedByEnd,
    resolutionRate: percent(resolvedByEnd, created),
    ...(options.perChannel ? { byChannel: volumeByChannel(stats) } : {}),
  };
}

/** Tickets per channel, largest first. */
function volumeByChannel(stats: TicketStatsRow[]): Record<string, number> {
  const counts = stats.map((r) => [r.grp ?? "other", Number(r.created)] as const);
  return Object.fromEntries(counts.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
