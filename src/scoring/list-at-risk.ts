import {
  countAtRisk,
  findPreviousRiskRun,
  latestRiskRun,
  listAtRiskFacets,
  listAtRiskPage,
  listAtRiskRowsByIds,
  type AtRiskFilters,
  type AtRiskRow,
  type AtRiskSort,
  type AtRiskView,
  type Database,
  type RunFilters,
} from "../db/index.ts";
import { decodeCursor, encodeCursor } from "./at-risk-cursor.ts";
import { describeRows, type AtRiskItem } from "./describe-at-risk-rows.ts";
import { indexAfter, rankByRenewal } from "./rank-by-renewal.ts";

export { describeRows, type AtRiskItem } from "./describe-at-risk-rows.ts";

/** What the at-risk list is asked for, already validated (the API's and the page's query alike). */
export interface AtRiskQuery {
  /** Search: case-insensitive part of the name, the customer id or the email. */
  q?: string;
  /** Risk band of the latest run: high, medium or low. */
  band?: string;
  plan?: string;
  segment?: string;
  /** The owner CSM's email, the override if set; `none` = customers nobody owns. */
  owner?: string;
  /** true: only customers with an open or pending ticket; false: only those without. */
  hasOpenTicket?: boolean;
  /**
   * at_risk: the run's at-risk customers; newly_at_risk / no_longer_at_risk: since the previous run; snoozed: those
   * snoozed now; all: every scored customer (snoozed ones included).
   */
  scope: AtRiskView;
  sort: AtRiskSort;
  order: "desc" | "asc";
  limit: number;
  offset: number;
  /** The nextCursor of the previous page (keyset pagination; replaces offset). */
  cursor?: string;
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

export function toFilters(q: Filters): AtRiskFilters {
  return {
    band: q.band,
    plan: q.plan,
    segment: q.segment,
    owner: q.owner,
    hasOpenTicket: q.hasOpenTicket,
    search: q.q,
    view: q.scope,
  };
}

/** The latest complete run (with the date of the one before it) and the previous run's id, or null. */
export async function findListRuns(db: Database): Promise<{ run: AtRiskRunInfo; previousRunId: number | null } | null> {
  const run = await latestRiskRun(db);
  if (!run) return null;
  const previous = await findPreviousRiskRun(db, run.asOf);
  return {
    run: { id: run.id, asOf: run.asOf, modelVersion: run.modelVersion, previousAsOf: previous?.asOf ?? null },
    previousRunId: previous?.id ?? null,
  };
}

type PageRequest = Pick<AtRiskQuery, "sort" | "order" | "limit" | "offset"> & {
  after?: { value: number | string; id: number };
};

/** The total and one page of rows: sorted in SQL, or (by renewal) ranked from the whole filtered list's keys. */
async function readPage(
  db: Database,
  filters: RunFilters,
  q: PageRequest,
): Promise<{ total: number; rows: AtRiskRow[] }> {
  const { sort, order, limit, offset, after } = q;
  if (sort !== "renewal") {
    const [total, rows] = await Promise.all([
      countAtRisk(db.sql, filters),
      listAtRiskPage(db.sql, { ...filters, sort, order, limit, offset, after }),
    ]);
    return { total, rows };
  }
  const ranks = await rankByRenewal(db, filters, order);
  const start = after ? indexAfter(ranks, after, order) : offset;
  const customers = ranks.slice(start, start + limit).map((r) => ({ id: r.id, sortValue: r.days }));
  return {
    total: ranks.length,
    rows: await listAtRiskRowsByIds(db.sql, { runId: filters.runId, now: filters.now, customers }),
  };
}

/**
 * The at-risk list of the latest complete run: one view (see AtRiskQuery.scope), filtered, sorted, one page (offset
 * or cursor) with the total. Churned customers are never listed; snoozed ones only in the snoozed and all views.
 */
export async function listAtRisk(db: Database, query: AtRiskQuery, now = new Date()): Promise<AtRiskList> {
  const runs = await findListRuns(db);
  if (!runs) return { run: null, total: 0, limit: query.limit, offset: 0, nextCursor: null, items: [] };
  const { run, previousRunId } = runs;
  const filters = { ...toFilters(query), runId: run.id, previousRunId, now };
  const after = query.cursor
    ? decodeCursor(query.cursor, { runId: run.id, sort: query.sort, order: query.order })
    : undefined;
  const { total, rows } = await readPage(db, filters, { ...query, limit: query.limit + 1, after });
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
    items: await describeRows(db, page, now),
  };
}

/** The bands, plans, segments and owners present in one view of the latest run, for filter choices. */
export async function listAtRiskChoices(db: Database, view: AtRiskView, now = new Date()) {
  const runs = await findListRuns(db);
  if (!runs) return { bands: [], plans: [], segments: [], owners: [] };
  return listAtRiskFacets(db.sql, { runId: runs.run.id, previousRunId: runs.previousRunId, now, view });
}
