import type { TicketMedianRow, TicketStatsRow } from "../db/repositories/kpi/index.ts";
import type { TicketKpis } from "./kpi-report.ts";
import { percent } from "./retention-share.ts";

/**
 * Ticket KPIs of tickets created in P from per-channel (or per-agent) sums and the medians
 * of the same tickets; with `perChannel` rows, also the volume per channel.
 */
export function summarizeTickets(stats: TicketStatsRow[], medians: TicketMedianRow[], options: { perChannel?: boolean } = {}): TicketKpis {
  const sum = (k: Exclude<keyof TicketStatsRow, "grp">) => stats.reduce((s, r) => s + Number(r[k] ?? 0), 0);
  const median = (metric: TicketMedianRow["metric"]) => {
    const row = medians.find((m) => m.metric === metric);
    return row ? Number(row.median_hours) : null;
  };
  const [created, frtN, resN, resolvedByEnd] = [sum("created"), sum("frt_n"), sum("res_n"), sum("resolved_by_end")];
  return {
    created,
    firstResponse: { n: frtN, medianHours: median("frt"), meanHours: frtN > 0 ? sum("frt_hours") / frtN : null },
    resolution: { n: resN, medianHours: median("res"), meanHours: resN > 0 ? sum("res_hours") / resN : null },
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
