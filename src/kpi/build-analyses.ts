import type { Database } from "../db/database.ts";
import {
  agentOutcomes,
  atRiskOpenTickets,
  latestCompleteRun,
  RESOLUTION_BUCKET_HOURS,
  supportOutcomes,
} from "../db/repositories/kpi/index.ts";
import type { KpiScope, LatestRun } from "./compute-core-kpis.ts";
import { judgeResolutionSpeed } from "./judge-resolution-speed.ts";
import type { KpiAnalyses, ResolutionBucket } from "./kpi-report.ts";
import { byKey, countOutcomes, retentionShare } from "./retention-share.ts";

/** At-risk customers listed by open tickets. */
export const AT_RISK_LIST_LIMIT = 20;

const toIso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

/** Resolution-time buckets, fastest first; the bounds are RESOLUTION_BUCKET_HOURS, used by the query. */
export const RESOLUTION_BUCKETS = [
  { bucket: "<4 h", fromHours: 0, toHours: RESOLUTION_BUCKET_HOURS[0] },
  { bucket: "4–24 h", fromHours: RESOLUTION_BUCKET_HOURS[0], toHours: RESOLUTION_BUCKET_HOURS[1] },
  { bucket: "1–3 d", fromHours: RESOLUTION_BUCKET_HOURS[1], toHours: RESOLUTION_BUCKET_HOURS[2] },
  { bucket: "3–7 d", fromHours: RESOLUTION_BUCKET_HOURS[2], toHours: RESOLUTION_BUCKET_HOURS[3] },
  { bucket: ">7 d", fromHours: RESOLUTION_BUCKET_HOURS[3], toHours: null },
] as const;

/**
 * The analyses of the report. Customers with a ticket resolved in P (their first one) by
 * its resolution time and its channel; the latest run's at-risk customers with the most
 * tickets open now; agents by the share of the customers they served who stayed. Every
 * share counts customers whose W-day window has ended (pending excluded from n). `latestRun`: the
 * latest complete run on or before now, when the caller has looked it up already.
 */
export async function buildAnalyses(db: Database, scope: KpiScope & { latestRun?: LatestRun }): Promise<KpiAnalyses> {
  const { period, nowMs, windowDays } = scope;
  const base = { fromMs: period.fromMs, toMs: period.toMs, nowMs, windowDays };
  const [support, agents, openRows, run] = await Promise.all([
    supportOutcomes(db, base),
    agentOutcomes(db, base),
    atRiskOpenTickets(db, { nowMs, limit: AT_RISK_LIST_LIMIT }),
    scope.latestRun === undefined ? latestCompleteRun(db, nowMs) : scope.latestRun,
  ]);
  const buckets: ResolutionBucket[] = RESOLUTION_BUCKETS.map((b, i) => ({
    ...b,
    ...retentionShare(countOutcomes(support.filter((r) => Number(r.bucket) === i))),
  }));
  const channels = [...byKey(support.map((r) => ({ ...r, grp: r.channel })))].map(([channel, rows]) => ({
    channel,
    ...retentionShare(countOutcomes(rows)),
  }));
  const agentNames = new Map(agents.map((a) => [a.grp, a.name]));
  const ranked = [...byKey(agents)]
    .map(([agentId, rows]) => ({
      agentId,
      name: agentNames.get(agentId) ?? null,
      ...retentionShare(countOutcomes(rows)),
    }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.n - a.n || a.agentId.localeCompare(b.agentId));
  return {
    retentionByResolutionTime: { buckets, ...judgeResolutionSpeed(buckets) },
    retentionByChannel: channels.sort((a, b) => b.n - a.n || a.channel.localeCompare(b.channel)),
    atRiskOpenTickets: {
      runAsOf: run ? toIso(run.as_of).slice(0, 10) : null,
      atRisk: Number(run?.at_risk ?? 0),
      withOpenTickets: Number(openRows[0]?.with_open ?? 0),
      customers: openRows.map((r) => ({
        customerId: r.external_id,
        name: r.name,
        ownerEmail: r.owner_email,
        probability: Number(r.probability),
        band: r.band,
        mrr: Number(r.mrr),
        openTickets: Number(r.open_tickets),
        oldestOpenAt: toIso(r.oldest_open_at),
      })),
    },
    agents: ranked.map((a, i) => ({ rank: i + 1, ...a })),
  };
}
