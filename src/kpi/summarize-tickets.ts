import type { TicketFactRow } from "../db/repositories/kpi/index.ts";
import { durationStats } from "./duration-stats.ts";
import type { TicketKpis } from "./kpi-report.ts";
import { percent } from "./retention-share.ts";

/**
 * Ticket KPIs of tickets created in P, from one row per ticket (see ticketFacts): counts,
 * resolution rate, first-response and resolution statistics; with `perChannel` (rows
 * grouped by channel), also the volume per channel.
 */
export function summarizeTickets(facts: TicketFactRow[], options: { perChannel?: boolean } = {}): TicketKpis {
  const [frt, res]: number[][] = [[], []];
  const perGroup = new Map<string, number>();
  let resolvedByEnd = 0;
  for (const r of facts) {
    if (r.frt !== null) frt.push(Number(r.frt));
    if (r.res !== null) res.push(Number(r.res));
    resolvedByEnd += Number(r.done_by_end);
    const key = r.grp ?? "other";
    perGroup.set(key, (perGroup.get(key) ?? 0) + 1);
  }
  return {
    created: facts.length,
    firstResponse: durationStats(frt),
    resolution: durationStats(res),
    resolvedByEnd,
    resolutionRate: percent(resolvedByEnd, facts.length),
    ...(options.perChannel ? { byChannel: volumeByChannel(perGroup) } : {}),
  };
}

/** Tickets per channel, largest first. */
function volumeByChannel(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
