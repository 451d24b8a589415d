import {
  dayNumber,
  dayToIsoDate,
  findCustomer,
  getCustomerState,
  latestRiskRun,
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
import { AppError, ErrorCode } from "../errors.ts";
import { readDrivers, type Driver } from "../features/index.ts";
import { listOutreachLog } from "../outreach/index.ts";

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
    history: { asOf: Date; probability: number; band: string; atRisk: boolean; modelVersion: string }[];
  };
  tickets: CustomerTicket[];
  surveys: CustomerSurvey[];
  /** Daily values per metric over [from, to] (inclusive days); a missing day counts as 0. */
  usage: { from: string; to: string; metrics: { metric: string; values: number[] }[] };
  outreach: Awaited<ReturnType<typeof listOutreachLog>>["items"];
  /** Newest first. */
  notes: Omit<CustomerNote, "customerId">[];
}

/** Looks a customer up by the id they were imported with; NotFound saying so. */
export async function requireCustomer(db: Database, externalId: string): Promise<CustomerRecord> {
  const customer = await findCustomer(db.sql, externalId);
  if (!customer)
    throw new AppError(
      ErrorCode.NotFound,
      `no customer "${externalId}": expected a customer_id imported in customers.csv`,
    );
  return customer;
}

async function loadUsage(db: Database, customerId: number, endDay: number): Promise<CustomerDetail["usage"]> {
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
  return {
    from: dayToIsoDate(fromDay),
    to: dayToIsoDate(endDay - 1),
    metrics: [...series].map(([metric, values]) => ({ metric, values })),
  };
}

/**
 * Everything the customer view shows: the customer and their CSM state, risk across runs with
 * the latest drivers, tickets, survey answers, usage per metric over the 90 days before the
 * latest run (or before today without one), every outreach decision, and notes.
 */
export async function getCustomerDetail(db: Database, externalId: string, now = new Date()): Promise<CustomerDetail> {
  const c = await requireCustomer(db, externalId);
  const [state, history, tickets, surveys, run, outreach, notes] = await Promise.all([
    getCustomerState(db.sql, c.id),
    listRiskHistory(db.sql, { customerId: c.id }),
    listCustomerTickets(db.sql, { customerId: c.id }),
    listCustomerSurveys(db.sql, { customerId: c.id }),
    latestRiskRun(db),
    listOutreachLog(db, { customer: c.externalId, limit: "500" }),
    listCustomerNotes(db, { customerId: c.id }),
  ]);
  const endDay = run ? dayNumber(run.asOf.getTime()) : dayNumber(now.getTime()) + 1;
  const last = history.at(-1);
  const { id, ownerEmail, ...customer } = c;
  return {
    customer: { ...customer, id: c.externalId, importedOwner: ownerEmail, owner: state?.ownerEmail ?? ownerEmail },
    state: {
      ownerOverride: state?.ownerEmail ?? null,
      snoozedUntil: state?.snoozedUntil ?? null,
      snoozed: Boolean(state?.snoozedUntil && state.snoozedUntil > now),
      lastContactedAt: state?.lastContactedAt ?? null,
      unsubscribedAt: state?.unsubscribedAt ?? null,
      bouncedAt: state?.bouncedAt ?? null,
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
      history: history.map((h) => ({
        asOf: h.asOf,
        probability: h.probability,
        band: h.band,
        atRisk: h.atRisk,
        modelVersion: h.modelVersion,
      })),
    },
    tickets,
    surveys,
    usage: await loadUsage(db, id, endDay),
    outreach: outreach.items,
    notes: notes.map(({ customerId: _c, ...n }) => n),
  };
}
