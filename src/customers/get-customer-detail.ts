import {
  dayNumber,
  dayToIsoDate,
  findAtRiskCutoff,
  getCustomerState,
  latestRiskRun,
  listCustomerEvents,
  listCustomerNotes,
  listCustomerSurveys,
  listCustomerTickets,
  listCustomerUsage,
  listMetricNames,
  listRiskHistory,
  type CustomerNote,
  type CustomerRecord,
  type CustomerSurvey,
  type CustomerTicket,
  type Database,
} from "../db/index.ts";
import { listOwners } from "../auth/index.ts";
import { readDrivers, type Driver } from "../features/index.ts";
import { listOutreachLog } from "../outreach/index.ts";
import { buildCustomerTimeline, type TimelineItem } from "./build-customer-timeline.ts";
import { hasChurned, requireCustomer } from "./require-active-customer.ts";
import type { TimelineKind } from "./timeline-kinds.ts";

/** Days of usage the customer view shows, ending the day before the latest run's as-of date. */
export const USAGE_DAYS = 90;

export interface CustomerDetail {
  customer: Omit<CustomerRecord, "id" | "ownerEmail"> & {
    id: string;
    importedOwner: string | null;
    owner: string | null;
  };
  state: {
    ownerOverride: string | null;
    snoozedUntil: Date | null;
    snoozed: boolean;
    lastContactedAt: Date | null;
    unsubscribedAt: Date | null;
    bouncedAt: Date | null;
    /** A churn date on or before now: the customer left, and takes no CSM actions. */
    churned: boolean;
  };
  risk: {
    latest: {
      asOf: Date;
      modelVersion: string;
      probability: number;
      band: string;
      atRisk: boolean;
      change: string;
      previous: number | null;
      mrrAtRisk: number;
      drivers: Driver[];
    } | null;
    /** `threshold`: the run's at-risk cutoff (its threshold rule, or the lowest probability it flagged). */
    history: {
      asOf: Date;
      probability: number;
      band: string;
      atRisk: boolean;
      modelVersion: string;
      threshold: number | null;
    }[];
  };
  tickets: CustomerTicket[];
  surveys: CustomerSurvey[];
  /**
   * Daily values per metric over [from, to] (inclusive days); a missing day counts as 0. The customer's
   * active days in the window are [activeFrom, activeTo] (signup to churn; null when none fall in it).
   * A gauge (active users, seats) is a level per day, to be averaged rather than summed.
   */
  usage: {
    from: string;
    to: string;
    activeFrom: string | null;
    activeTo: string | null;
    metrics: { metric: string; gauge: boolean; values: number[] }[];
  };
  outreach: Awaited<ReturnType<typeof listOutreachLog>>["items"];
  /** Newest first. */
  notes: Omit<CustomerNote, "customerId">[];
  /** Everything dated, newest first, of the kinds asked for (every kind by default). */
  timeline: { kinds: TimelineKind[] | null; items: TimelineItem[] };
  /** The users who can own accounts (active csms and admins), by name: the owner choices, and names for emails. */
  owners: { email: string; name: string }[];
}

/** Metrics that are a level per day (summing them over days means nothing). */
export function isGaugeMetric(name: string): boolean {
  return /(^|_)(active_users|users|seats|dau|wau|mau)$/i.test(name);
}

async function loadUsage(db: Database, c: CustomerRecord, endDay: number): Promise<CustomerDetail["usage"]> {
  const customerId = c.id;
  const fromDay = endDay - USAGE_DAYS;
  const [names, rows] = await Promise.all([
    listMetricNames(db.sql),
    listCustomerUsage(db.sql, { customerId, fromDay, toDay: endDay }),
  ]);
  const series = new Map(names.map((n) => [n, new Array<number>(USAGE_DAYS).fill(0)]));
  for (const r of rows) {
    const values = series.get(r.metric) ?? new Array<number>(USAGE_DAYS).fill(0);
    values[r.day - fromDay] = r.value;
    series.set(r.metric, values);
  }
  const first = Math.max(fromDay, dayNumber(c.signupDate.getTime()));
  const last = Math.min(endDay - 1, c.churnDate ? dayNumber(c.churnDate.getTime()) : endDay - 1);
  return {
    from: dayToIsoDate(fromDay),
    to: dayToIsoDate(endDay - 1),
    activeFrom: first <= last ? dayToIsoDate(first) : null,
    activeTo: first <= last ? dayToIsoDate(last) : null,
    metrics: [...series].map(([metric, values]) => ({ metric, gauge: isGaugeMetric(metric), values })),
  };
}

/**
 * Each run's at-risk cutoff: the value of a threshold rule as saved; for other rules (top N, top percent,
 * revenue) the lowest probability flagged, read for the latest run only (one query, whatever the history).
 */
async function runThresholds(db: Database, history: { runId: number; rule: string }[]): Promise<(number | null)[]> {
  const fromRule = history.map((h) => {
    try {
      const rule = JSON.parse(h.rule) as { kind?: string; value?: unknown };
      return rule.kind === "threshold" && typeof rule.value === "number" ? rule.value : null;
    } catch {
      return null;
    }
  });
  const last = history.length - 1;
  if (last >= 0 && fromRule[last] === null) fromRule[last] = await findAtRiskCutoff(db.sql, history[last].runId);
  return fromRule;
}

/**
 * Everything the customer view shows: the customer and their CSM state, risk across runs with
 * the latest drivers, tickets, survey answers, usage per metric over the 90 days before the
 * latest run (or before today without one), every outreach decision, and notes.
 */
export async function getCustomerDetail(
  db: Database,
  options: { customerId: string; now?: Date; kinds?: TimelineKind[] | null },
): Promise<CustomerDetail> {
  const { now = new Date(), kinds = null } = options;
  const c = await requireCustomer(db, options.customerId);
  const [state, history, tickets, surveys, run, outreach, notes, events, owners] = await Promise.all([
    getCustomerState(db.sql, c.id),
    listRiskHistory(db.sql, { customerId: c.id }),
    listCustomerTickets(db.sql, { customerId: c.id }),
    listCustomerSurveys(db.sql, { customerId: c.id }),
    latestRiskRun(db),
    listOutreachLog(db, { customer: c.externalId, limit: "500" }),
    listCustomerNotes(db, { customerId: c.id }),
    listCustomerEvents(db.sql, { customerId: c.id }),
    listOwners(db),
  ]);
  const endDay = run ? dayNumber(run.asOf.getTime()) : dayNumber(now.getTime()) + 1;
  const thresholds = await runThresholds(db, history);
  const last = history.at(-1);
  const { id: _id, ownerEmail, ...customer } = c;
  const noteViews = notes.map(({ customerId: _c, ...n }) => n);
  return {
    customer: { ...customer, id: c.externalId, importedOwner: ownerEmail, owner: state?.ownerEmail ?? ownerEmail },
    state: {
      ownerOverride: state?.ownerEmail ?? null,
      snoozedUntil: state?.snoozedUntil ?? null,
      snoozed: Boolean(state?.snoozedUntil && state.snoozedUntil > now),
      lastContactedAt: state?.lastContactedAt ?? null,
      unsubscribedAt: state?.unsubscribedAt ?? null,
      bouncedAt: state?.bouncedAt ?? null,
      churned: hasChurned(c, now),
    },
    risk: {
      latest: last
        ? {
            asOf: last.asOf,
            modelVersion: last.modelVersion,
            probability: last.probability,
            band: last.band,
            atRisk: last.atRisk,
            change: last.change,
            previous: last.previous,
            mrrAtRisk: last.probability * c.mrr,
            drivers: readDrivers(
              last.drivers,
              `of customer ${c.externalId} in the run of ${dayToIsoDate(dayNumber(last.asOf.getTime()))}`,
            ),
          }
        : null,
      history: history.map((h, i) => ({
        asOf: h.asOf,
        probability: h.probability,
        band: h.band,
        atRisk: h.atRisk,
        modelVersion: h.modelVersion,
        threshold: thresholds[i],
      })),
    },
    tickets,
    surveys,
    usage: await loadUsage(db, c, endDay),
    outreach: outreach.items,
    notes: noteViews,
    timeline: {
      kinds,
      items: buildCustomerTimeline(
        { tickets, surveys, outreach: outreach.items, notes: noteViews, events, risk: history },
        kinds,
      ),
    },
    owners,
  };
}
