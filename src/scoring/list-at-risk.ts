import {
  countAtRisk,
  findPreviousRiskRun,
  latestRiskRun,
  listAtRiskFacets,
  listAtRiskPage,
  loadListContext,
  type AtRiskFilters,
  type AtRiskRow,
  type AtRiskSort,
  type Database,
  type LastTicket,
} from "../db/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { readDrivers, type Driver } from "../features/index.ts";

/** What the at-risk list is asked for, already validated (the API's and the page's query alike). */
export interface AtRiskQuery {
  /** Risk band of the latest run: high, medium or low. */
  band?: string;
  plan?: string;
  segment?: string;
  /** The owner CSM's email, the override if set; `none` = customers nobody owns. */
  owner?: string;
  /** true: only customers with an open or pending ticket; false: only those without. */
  hasOpenTicket?: boolean;
  /** Search: case-insensitive part of the name, the customer id or the email. */
  q?: string;
  /** at_risk: the run's at-risk customers; all: every scored customer. */
  scope: "at_risk" | "all";
  sort: AtRiskSort;
  order: "desc" | "asc";
  limit: number;
  offset: number;
  /** The nextCursor of the previous page (keyset pagination; replaces offset). */
  cursor?: string;
}

/** One customer of the at-risk list. */
export interface AtRiskItem {
  customerId: string;
  name: string | null;
  plan: string | null;
  segment: string | null;
  owner: string | null;
  probability: number;
  band: string;
  atRisk: boolean;
  mrr: number;
  /** probability × MRR. */
  mrrAtRisk: number;
  /** Top 3 reasons. */
  drivers: Driver[];
  previous: number | null;
  /** probability − previous; null when not scored in the previous run. */
  delta: number | null;
  /** Since the previous run: new (newly at risk), up / down (≥ 5 points), same. */
  change: string;
  openTickets: number;
  lastTicket: LastTicket | null;
  lastCsat: { score: number; respondedAt: Date } | null;
  lastContactedAt: Date | null;
}

export interface AtRiskRunInfo {
  id: number;
  asOf: Date;
  modelVersion: string;
  previousAsOf: Date | null;
}

export interface AtRiskList {
  /** The latest complete risk run; null when there is none yet (and the list is empty). */
  run: AtRiskRunInfo | null;
  total: number;
  limit: number;
  offset: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  items: AtRiskItem[];
}

type Filters = Omit<AtRiskQuery, "limit" | "offset" | "cursor">;

interface Cursor {
  r: number;
  s: string;
  o: string;
  v: number;
  id: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(
  text: string,
  expected: { runId: number; sort: string; order: string },
): { value: number; id: number } {
  let c: Partial<Cursor> = {};
  try {
    c = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    /* reported below */
  }
  if (typeof c.v !== "number" || typeof c.id !== "number")
    throw new AppError(
      ErrorCode.BadInput,
      `query parameter "cursor": expected the nextCursor of a previous page, found "${text}"`,
    );
  if (c.r !== expected.runId || c.s !== expected.sort || c.o !== expected.order) {
    throw new AppError(
      ErrorCode.BadInput,
      `query parameter "cursor": expected a cursor of this list (run ${expected.runId}, sort ` +
        `${expected.sort} ${expected.order}), found one of run ${c.r}, sort ${c.s} ${c.o}; start again ` +
        `without a cursor`,
    );
  }
  return { value: c.v, id: c.id };
}

export function toFilters(q: Filters): AtRiskFilters {
  return {
    band: q.band,
    plan: q.plan,
    segment: q.segment,
    owner: q.owner,
    hasOpenTicket: q.hasOpenTicket,
    search: q.q,
    includeAll: q.scope === "all",
  };
}

/** The latest complete run and the date of the one before it, or null. */
export async function findListRun(db: Database): Promise<AtRiskRunInfo | null> {
  const run = await latestRiskRun(db);
  if (!run) return null;
  const previous = await findPreviousRiskRun(db, run.asOf);
  return { id: run.id, asOf: run.asOf, modelVersion: run.modelVersion, previousAsOf: previous?.asOf ?? null };
}

/** Adds each row's last ticket, last CSAT, open tickets and parsed drivers. */
export async function describeRows(db: Database, rows: AtRiskRow[]): Promise<AtRiskItem[]> {
  const context = await loadListContext(
    db.sql,
    rows.map((r) => r.customerId),
  );
  return rows.map((r) => ({
    customerId: r.externalId,
    name: r.name,
    plan: r.plan,
    segment: r.segment,
    owner: r.owner,
    probability: r.probability,
    band: r.band,
    atRisk: r.atRisk,
    mrr: r.mrr,
    mrrAtRisk: r.probability * r.mrr,
    drivers: readDrivers(r.drivers, `of customer ${r.externalId}`).slice(0, 3),
    previous: r.previous,
    delta: r.previous === null ? null : r.probability - r.previous,
    change: r.change,
    openTickets: context.openTickets.get(r.customerId) ?? 0,
    lastTicket: context.lastTickets.get(r.customerId) ?? null,
    lastCsat: context.lastCsat.get(r.customerId) ?? null,
    lastContactedAt: r.lastContactedAt,
  }));
}

/**
 * The at-risk list of the latest complete run: filtered, sorted, one page (offset or cursor)
 * with the total. Snoozed customers (snoozed_until > now) and churned ones are not on it.
 */
export async function listAtRisk(db: Database, query: AtRiskQuery, now = new Date()): Promise<AtRiskList> {
  const run = await findListRun(db);
  if (!run) return { run: null, total: 0, limit: query.limit, offset: 0, nextCursor: null, items: [] };
  const filters = { ...toFilters(query), runId: run.id, now };
  const after = query.cursor
    ? decodeCursor(query.cursor, { runId: run.id, sort: query.sort, order: query.order })
    : undefined;
  const [total, rows] = await Promise.all([
    countAtRisk(db.sql, filters),
    listAtRiskPage(db.sql, {
      ...filters,
      sort: query.sort,
      order: query.order,
      limit: query.limit + 1,
      offset: query.offset,
      after,
    }),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ r: run.id, s: query.sort, o: query.order, v: last.sortValue, id: last.customerId })
      : null;
  return {
    run,
    total,
    limit: query.limit,
    offset: after ? 0 : query.offset,
    nextCursor,
    items: await describeRows(db, page),
  };
}

/** The plans, segments and owners on the latest run's list, for filter choices. */
export async function listAtRiskChoices(db: Database, runId: number, scope: "at_risk" | "all") {
  return listAtRiskFacets(db.sql, { runId, includeAll: scope === "all" });
}
