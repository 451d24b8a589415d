import type { SqlClient, SqlValue } from "../sql-client.ts";
import { asBoolean, asDate, asDateOrNull } from "./outreach-row-values.ts";
import { OPEN_TICKET_STATUSES } from "../../outreach-statuses.ts";
import type { RiskScoreRow } from "./risk-runs.ts";

/** How the at-risk list can be sorted: probability, MRR at risk (probability × MRR), change since the previous run. */
export const AtRiskSort = { Risk: "risk", MrrAtRisk: "mrrAtRisk", Change: "change" } as const;
export type AtRiskSort = (typeof AtRiskSort)[keyof typeof AtRiskSort];

/** The list's SQL sort expressions; the only sort text that reaches SQL. `change` counts a missing previous score as 0. */
const SORT_SQL: Record<AtRiskSort, string> = {
  risk: "s.probability",
  mrrAtRisk: "(s.probability * s.mrr)",
  change: "(s.probability - COALESCE(s.previous, 0))",
};

/** Owner filter value for customers nobody owns. */
export const NO_OWNER = "none";

export interface AtRiskFilters {
  band?: string;
  plan?: string;
  segment?: string;
  /** The effective owner (the customer_state override, else customers.owner_email); `none` = no owner. */
  owner?: string;
  hasOpenTicket?: boolean;
  /** Case-insensitive substring of the name, the imported id or the email (bound as a parameter, LIKE-escaped). */
  search?: string;
  /** Every scored customer instead of only the run's at-risk ones. */
  includeAll?: boolean;
}

export interface AtRiskPageRequest extends AtRiskFilters {
  runId: number;
  sort: AtRiskSort;
  order: "desc" | "asc";
  limit: number;
  /** Rows to skip (ignored with `after`). */
  offset?: number;
  /** Keyset position: the sort value and customer id of the last row of the previous page. */
  after?: { value: number; id: number };
  /** Snoozed (snoozed_until > now) and churned (churn_date ≤ now) customers are left out. */
  now: Date;
}

/** A customer's score in the run, with what the list shows beside it. */
export interface AtRiskRow extends RiskScoreRow {
  externalId: string;
  name: string | null;
  plan: string | null;
  segment: string | null;
  owner: string | null;
  lastContactedAt: Date | null;
  /** The value the list is sorted by (for the next page's cursor). */
  sortValue: number;
}

/** WHERE clause and parameters of the filtered list of one run. */
function whereClause(q: AtRiskFilters & { runId: number; now: Date }): { sql: string; params: SqlValue[] } {
  const where = [
    "s.run_id = ?",
    "(cs.snoozed_until IS NULL OR cs.snoozed_until <= ?)",
    "(c.churn_date IS NULL OR c.churn_date > ?)",
  ];
  const params: SqlValue[] = [q.runId, q.now, q.now];
  const add = (clause: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  if (!q.includeAll) add("s.at_risk = ?", true);
  add("s.band = ?", q.band);
  add("c.plan = ?", q.plan);
  add("c.segment = ?", q.segment);
  if (q.owner === NO_OWNER) where.push("COALESCE(cs.owner_email, c.owner_email) IS NULL");
  else add("COALESCE(cs.owner_email, c.owner_email) = ?", q.owner);
  if (q.search) {
    // LOWER on both sides: PostgreSQL's LIKE is case-sensitive; % _ and \ in the text match themselves
    const pattern = `%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = (column: string) => `LOWER(${column}) LIKE ? ESCAPE '\\'`;
    where.push(`(${like("c.name")} OR ${like("c.external_id")} OR ${like("c.email")})`);
    params.push(pattern, pattern, pattern);
  }
  if (q.hasOpenTicket !== undefined) {
    const statuses = OPEN_TICKET_STATUSES.map(() => "?").join(", ");
    where.push(
      `${q.hasOpenTicket ? "" : "NOT "}EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = ` +
        `s.customer_id AND t.closed_at IS NULL AND t.status IN (${statuses}))`,
    );
    params.push(...OPEN_TICKET_STATUSES);
  }
  return { sql: where.join(" AND "), params };
}

const FROM =
  "FROM risk_scores s JOIN customers c ON c.id = s.customer_id LEFT JOIN customer_state cs ON cs.customer_id = s.customer_id";

/** How many customers of a run pass the filters. */
export async function countAtRisk(sql: SqlClient, q: AtRiskFilters & { runId: number; now: Date }): Promise<number> {
  const where = whereClause(q);
  const [row] = await sql.all<{ n: number }>(`SELECT COUNT(*) AS n ${FROM} WHERE ${where.sql}`, where.params);
  return Number(row.n);
}

/** One page of the filtered, sorted list of a run (ties broken by customer id). */
export async function listAtRiskPage(sql: SqlClient, q: AtRiskPageRequest): Promise<AtRiskRow[]> {
  const where = whereClause(q);
  const expr = SORT_SQL[q.sort];
  const direction = q.order === "asc" ? "ASC" : "DESC";
  let keyset = "";
  if (q.after) {
    keyset = ` AND (${expr} ${q.order === "asc" ? ">" : "<"} ? OR (${expr} = ? AND s.customer_id > ?))`;
    where.params.push(q.after.value, q.after.value, q.after.id);
  }
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT s.customer_id, c.external_id, c.name, c.plan, c.segment, COALESCE(cs.owner_email, c.owner_email) AS owner,
       s.probability, s.band, s.at_risk, s.mrr, s.drivers, s.previous, s.change, cs.last_contacted_at, ${expr} AS sort_value
     ${FROM} WHERE ${where.sql}${keyset}
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
    probability: Number(r.probability),
    band: String(r.band),
    atRisk: asBoolean(r.at_risk),
    mrr: Number(r.mrr),
    drivers: String(r.drivers),
    previous: r.previous === null ? null : Number(r.previous),
    change: String(r.change),
    lastContactedAt: asDateOrNull(r.last_contacted_at),
    sortValue: Number(r.sort_value),
  }));
}

/** The plans, segments and owners present in a run's list (for filter choices). */
export async function listAtRiskFacets(
  sql: SqlClient,
  q: { runId: number; includeAll?: boolean },
): Promise<{ plans: string[]; segments: string[]; owners: string[] }> {
  const atRisk = q.includeAll ? "" : " AND s.at_risk = ?";
  const params: SqlValue[] = q.includeAll ? [q.runId] : [q.runId, true];
  const distinct = async (column: string) => {
    const rows = await sql.all<{ v: string | null }>(
      `SELECT DISTINCT ${column} AS v ${FROM} WHERE s.run_id = ?${atRisk} ORDER BY v`,
      params,
    );
    return rows.map((r) => r.v).filter((v): v is string => v !== null && v !== "");
  };
  return {
    plans: await distinct("c.plan"),
    segments: await distinct("c.segment"),
    owners: await distinct("COALESCE(cs.owner_email, c.owner_email)"),
  };
}

export interface LastTicket {
  externalId: string;
  subject: string | null;
  status: string;
  channel: string;
  createdAt: Date;
  closedAt: Date | null;
}

/** Each customer's newest ticket, last CSAT answer and count of open tickets (customers without one are absent). */
export async function loadListContext(
  sql: SqlClient,
  customerIds: number[],
): Promise<{
  lastTickets: Map<number, LastTicket>;
  lastCsat: Map<number, { score: number; respondedAt: Date }>;
  openTickets: Map<number, number>;
}> {
  const lastTickets = new Map<number, LastTicket>();
  const lastCsat = new Map<number, { score: number; respondedAt: Date }>();
  const openTickets = new Map<number, number>();
  for (let i = 0; i < customerIds.length; i += 500) {
    const ids = customerIds.slice(i, i + 500);
    const list = ids.map(() => "?").join(", ");
    const tickets = await sql.all<Record<string, unknown>>(
      `SELECT * FROM (SELECT t.customer_id, t.external_id, t.subject, t.status, t.channel, t.created_at, t.closed_at,
         ROW_NUMBER() OVER (PARTITION BY t.customer_id ORDER BY t.created_at DESC, t.id DESC) AS rn FROM tickets t
         WHERE t.customer_id IN (${list})) x WHERE rn = 1`,
      ids,
    );
    for (const t of tickets) {
      lastTickets.set(Number(t.customer_id), {
        externalId: String(t.external_id),
        subject: (t.subject as string | null) ?? null,
        status: String(t.status),
        channel: String(t.channel),
        createdAt: asDate(t.created_at),
        closedAt: asDateOrNull(t.closed_at),
      });
    }
    const csat = await sql.all<Record<string, unknown>>(
      `SELECT * FROM (SELECT v.customer_id, v.score, v.responded_at, ROW_NUMBER() OVER (PARTITION BY v.customer_id
        ORDER BY v.responded_at DESC, v.id DESC) AS rn
         FROM surveys v WHERE v.kind = 'csat' AND v.customer_id IN (${list})) x WHERE rn = 1`,
      ids,
    );
    for (const v of csat)
      lastCsat.set(Number(v.customer_id), { score: Number(v.score), respondedAt: asDate(v.responded_at) });
    const open = await sql.all<{ customer_id: number; n: number }>(
      `SELECT customer_id, COUNT(*) AS n FROM tickets WHERE customer_id IN (${list}) AND closed_at IS ` +
        `NULL AND status IN (${OPEN_TICKET_STATUSES.map(() => "?").join(", ")}) GROUP BY customer_id`,
      [...ids, ...OPEN_TICKET_STATUSES],
    );
    for (const o of open) openTickets.set(Number(o.customer_id), Number(o.n));
  }
  return { lastTickets, lastCsat, openTickets };
}
