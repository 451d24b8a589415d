import { CustomerEventKind } from "../../customer-event-kinds.ts";
import type { SqlClient, SqlValue } from "../sql-client.ts";
import { LIST_FROM, whereClause, type AtRiskView, type RunFilters } from "./at-risk-filters.ts";
import { asBoolean, asDate, asDateOrNull } from "./outreach-row-values.ts";
import type { RiskScoreRow } from "./risk-runs.ts";

export { AtRiskView, NO_OWNER, type AtRiskFilters, type RunFilters } from "./at-risk-filters.ts";
export { loadListContext, type LastTicket } from "./at-risk-context.ts";
export { listAtRiskRenewalKeys, type RenewalKey } from "./at-risk-renewal-keys.ts";
export { summarizeAtRiskRun, type AtRiskRunSummary } from "./at-risk-summary.ts";

/**
 * How the at-risk list can be sorted: probability, MRR at risk (probability × MRR), change since the previous run,
 * MRR, name (the name, else the customer id, case-folded), or the next renewal date (computed from the signup date
 * and the plan's cycle, so scoring/ sorts by it over listAtRiskRenewalKeys; unknown renewals last either way).
 */
export const AtRiskSort = {
  Risk: "risk",
  MrrAtRisk: "mrrAtRisk",
  Change: "change",
  Mrr: "mrr",
  Name: "name",
  Renewal: "renewal",
} as const;
export type AtRiskSort = (typeof AtRiskSort)[keyof typeof AtRiskSort];
/** The sorts SQL can do (every one but renewal). */
export type SqlAtRiskSort = Exclude<AtRiskSort, typeof AtRiskSort.Renewal>;

/**
 * The list's SQL sort expressions; the only sort text that reaches SQL. `change` counts a missing previous score as 0;
 * names compare byte by byte on both databases (PostgreSQL's locale collation would order punctuation differently).
 */
function sortSql(sort: SqlAtRiskSort, dialect: SqlClient["dialect"]): string {
  switch (sort) {
    case "mrrAtRisk":
      return "(s.probability * s.mrr)";
    case "change":
      return "(s.probability - COALESCE(s.previous, 0))";
    case "mrr":
      return "s.mrr";
    case "name":
      return `LOWER(COALESCE(c.name, c.external_id))${dialect === "postgres" ? ' COLLATE "C"' : ""}`;
    default:
      return "s.probability";
  }
}

export interface AtRiskPageRequest extends RunFilters {
  sort: SqlAtRiskSort;
  order: "desc" | "asc";
  limit: number;
  /** Rows to skip (ignored with `after`). */
  offset?: number;
  /** Keyset position: the sort value and customer id of the last row of the previous page. */
  after?: { value: number | string; id: number };
}

/** A customer's score in the run, with what the list shows beside it. */
export interface AtRiskRow extends RiskScoreRow {
  externalId: string;
  name: string | null;
  plan: string | null;
  segment: string | null;
  owner: string | null;
  signupDate: Date;
  lastContactedAt: Date | null;
  /** The snooze's end; in the past when it has ended. */
  snoozedUntil: Date | null;
  /** The reason given with the latest snooze, while the customer is snoozed (at `now`); else null. */
  snoozeReason: string | null;
  /** The value the list is sorted by (for the next page's cursor). */
  sortValue: number | string;
}

/** How many customers of a run pass the filters. */
export async function countAtRisk(sql: SqlClient, q: RunFilters): Promise<number> {
  const where = whereClause(q);
  const [row] = await sql.all<{ n: number }>(`SELECT COUNT(*) AS n ${LIST_FROM} WHERE ${where.sql}`, where.params);
  return Number(row.n);
}

/**
 * The row's columns (after LIST_FROM). The snooze reason is the value of the customer's latest snooze event, read
 * only for a customer snoozed at the first parameter's instant (an index lookup per snoozed row, in the same query).
 */
const ROW_COLUMNS = `s.customer_id, c.external_id, c.name, c.plan, c.segment,
  COALESCE(cs.owner_email, c.owner_email) AS owner, c.signup_date, s.probability, s.band, s.at_risk, s.mrr, s.drivers,
  s.previous, s.change, cs.last_contacted_at, cs.snoozed_until,
  CASE WHEN cs.snoozed_until > ? THEN (SELECT e.value FROM customer_events e WHERE e.customer_id = s.customer_id
    AND e.kind = '${CustomerEventKind.Snooze}' ORDER BY e.at DESC, e.id DESC LIMIT 1) END AS snooze_reason`;

function toRow(r: Record<string, unknown>, sortValue: number | string): AtRiskRow {
  return {
    customerId: Number(r.customer_id),
    externalId: String(r.external_id),
    name: (r.name as string | null) ?? null,
    plan: (r.plan as string | null) ?? null,
    segment: (r.segment as string | null) ?? null,
    owner: (r.owner as string | null) ?? null,
    signupDate: asDate(r.signup_date),
    probability: Number(r.probability),
    band: String(r.band),
    atRisk: asBoolean(r.at_risk),
    mrr: Number(r.mrr),
    drivers: String(r.drivers),
    previous: r.previous === null ? null : Number(r.previous),
    change: String(r.change),
    lastContactedAt: asDateOrNull(r.last_contacted_at),
    snoozedUntil: asDateOrNull(r.snoozed_until),
    snoozeReason: (r.snooze_reason as string | null) ?? null,
    sortValue,
  };
}

/** One page of the filtered, sorted list of a run (ties broken by customer id). */
export async function listAtRiskPage(sql: SqlClient, q: AtRiskPageRequest): Promise<AtRiskRow[]> {
  const where = whereClause(q);
  const expr = sortSql(q.sort, sql.dialect);
  const direction = q.order === "asc" ? "ASC" : "DESC";
  let keyset = "";
  if (q.after) {
    keyset = ` AND (${expr} ${q.order === "asc" ? ">" : "<"} ? OR (${expr} = ? AND s.customer_id > ?))`;
    where.params.push(q.after.value, q.after.value, q.after.id);
  }
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT ${ROW_COLUMNS}, ${expr} AS sort_value ${LIST_FROM} WHERE ${where.sql}${keyset}
     ORDER BY ${expr} ${direction}, s.customer_id ASC LIMIT ? OFFSET ?`,
    [q.now, ...where.params, q.limit, q.after ? 0 : (q.offset ?? 0)],
  );
  return rows.map((r) => toRow(r, q.sort === "name" ? String(r.sort_value) : Number(r.sort_value)));
}

/**
 * These customers' rows of a run, in the order of `customers` (ids not scored in the run are left out), each with
 * the sort value given; read 500 at a time. For a list sorted outside SQL (by renewal).
 */
export async function listAtRiskRowsByIds(
  sql: SqlClient,
  q: { runId: number; now: Date; customers: { id: number; sortValue: number | string }[] },
): Promise<AtRiskRow[]> {
  const found = new Map<number, Record<string, unknown>>();
  for (let i = 0; i < q.customers.length; i += 500) {
    const ids = q.customers.slice(i, i + 500).map((c) => c.id);
    const rows = await sql.all<Record<string, unknown>>(
      `SELECT ${ROW_COLUMNS} ${LIST_FROM} WHERE s.run_id = ? AND s.customer_id IN (${ids.map(() => "?").join(", ")})`,
      [q.now, q.runId, ...ids],
    );
    for (const r of rows) found.set(Number(r.customer_id), r);
  }
  return q.customers.flatMap((c) => {
    const r = found.get(c.id);
    return r ? [toRow(r, c.sortValue)] : [];
  });
}

/** The bands, plans, segments and owners present in one view of a run (for filter choices), read in one scan. */
export async function listAtRiskFacets(
  sql: SqlClient,
  q: Pick<RunFilters, "runId" | "previousRunId" | "now"> & { view: AtRiskView },
): Promise<{ bands: string[]; plans: string[]; segments: string[]; owners: string[] }> {
  const where = whereClause(q);
  const rows = await sql.all<{ band: string; plan: string | null; segment: string | null; owner: string | null }>(
    `SELECT DISTINCT s.band AS band, c.plan AS plan, c.segment AS segment,
       COALESCE(cs.owner_email, c.owner_email) AS owner ${LIST_FROM} WHERE ${where.sql}`,
    where.params as SqlValue[],
  );
  const values = (pick: (r: (typeof rows)[number]) => string | null) =>
    [...new Set(rows.map(pick))].filter((v): v is string => v !== null && v !== "").sort();
  return {
    bands: values((r) => r.band),
    plans: values((r) => r.plan),
    segments: values((r) => r.segment),
    owners: values((r) => r.owner),
  };
}
