import type { SqlClient, SqlValue } from "../sql-client.ts";
import { LIST_FROM, whereClause, type AtRiskView, type RunFilters } from "./at-risk-filters.ts";
import { asBoolean, asDate, asDateOrNull } from "./outreach-row-values.ts";
import type { RiskScoreRow } from "./risk-runs.ts";

export { AtRiskView, NO_OWNER, type AtRiskFilters, type RunFilters } from "./at-risk-filters.ts";
export { loadListContext, type LastTicket } from "./at-risk-context.ts";
export { summarizeAtRiskRun, type AtRiskRunSummary } from "./at-risk-summary.ts";

/**
 * How the at-risk list can be sorted: probability, MRR at risk (probability × MRR), change since the previous run,
 * MRR, or name (the name, else the customer id, case-folded).
 */
export const AtRiskSort = {
  Risk: "risk",
  MrrAtRisk: "mrrAtRisk",
  Change: "change",
  Mrr: "mrr",
  Name: "name",
} as const;
export type AtRiskSort = (typeof AtRiskSort)[keyof typeof AtRiskSort];

/**
 * The list's SQL sort expressions; the only sort text that reaches SQL. `change` counts a missing previous score as 0;
 * names compare byte by byte on both databases (PostgreSQL's locale collation would order punctuation differently).
 */
function sortSql(sort: AtRiskSort, dialect: SqlClient["dialect"]): string {
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
  sort: AtRiskSort;
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
  /** The value the list is sorted by (for the next page's cursor). */
  sortValue: number | string;
}

/** How many customers of a run pass the filters. */
export async function countAtRisk(sql: SqlClient, q: RunFilters): Promise<number> {
  const where = whereClause(q);
  const [row] = await sql.all<{ n: number }>(`SELECT COUNT(*) AS n ${LIST_FROM} WHERE ${where.sql}`, where.params);
  return Number(row.n);
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
    `SELECT s.customer_id, c.external_id, c.name, c.plan, c.segment, COALESCE(cs.owner_email, c.owner_email) AS owner,
       c.signup_date, s.probability, s.band, s.at_risk, s.mrr, s.drivers, s.previous, s.change, cs.last_contacted_at,
       cs.snoozed_until, ${expr} AS sort_value
     ${LIST_FROM} WHERE ${where.sql}${keyset}
     ORDER BY ${expr} ${direction}, s.customer_id ASC LIMIT ? OFFSET ?`,
    [...where.params, q.limit, q.after ? 0 : (q.offset ?? 0)],
  );
  return rows.map((r) => ({
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
    sortValue: q.sort === "name" ? String(r.sort_value) : Number(r.sort_value),
  }));
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
