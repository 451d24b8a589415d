import { OPEN_TICKET_STATUSES } from "../../outreach-statuses.ts";
import type { SqlValue } from "../sql-client.ts";

/**
 * The list's views of a run: its at-risk customers (default), those newly at risk or no longer at risk since the
 * previous run, the customers snoozed now, or everyone scored. Every view but `snoozed` and `all` leaves snoozed
 * customers out; no view lists churned ones.
 */
export const AtRiskView = {
  AtRisk: "at_risk",
  NewlyAtRisk: "newly_at_risk",
  NoLongerAtRisk: "no_longer_at_risk",
  Snoozed: "snoozed",
  All: "all",
} as const;
export type AtRiskView = (typeof AtRiskView)[keyof typeof AtRiskView];

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
  /** Which customers of the run (default at_risk). */
  view?: AtRiskView;
}

/** The filters of one run's list: `previousRunId` (null: none) defines newly / no longer at risk. */
export interface RunFilters extends AtRiskFilters {
  runId: number;
  previousRunId: number | null;
  /** Snoozes (snoozed_until > now) and churn (churn_date ≤ now) are read at this instant. */
  now: Date;
}

export const LIST_FROM =
  "FROM risk_scores s JOIN customers c ON c.id = s.customer_id LEFT JOIN customer_state cs ON cs.customer_id = s.customer_id";

const NOT_SNOOZED = "(cs.snoozed_until IS NULL OR cs.snoozed_until <= ?)";
const WAS_AT_RISK =
  "EXISTS (SELECT 1 FROM risk_scores p WHERE p.run_id = ? AND p.customer_id = s.customer_id AND p.at_risk = ?)";

/** The view's conditions and parameters. */
function viewClause(q: RunFilters): { where: string[]; params: SqlValue[] } {
  const previous = q.previousRunId;
  switch (q.view ?? AtRiskView.AtRisk) {
    case AtRiskView.All:
      return { where: [], params: [] };
    case AtRiskView.Snoozed:
      return { where: ["cs.snoozed_until > ?"], params: [q.now] };
    case AtRiskView.NewlyAtRisk:
      return previous === null
        ? { where: ["s.at_risk = ?", NOT_SNOOZED], params: [true, q.now] }
        : { where: ["s.at_risk = ?", NOT_SNOOZED, `NOT ${WAS_AT_RISK}`], params: [true, q.now, previous, true] };
    case AtRiskView.NoLongerAtRisk:
      return previous === null
        ? { where: ["1 = 0"], params: [] }
        : { where: ["s.at_risk = ?", NOT_SNOOZED, WAS_AT_RISK], params: [false, q.now, previous, true] };
    default:
      return { where: ["s.at_risk = ?", NOT_SNOOZED], params: [true, q.now] };
  }
}

/** WHERE clause and parameters of the filtered list of one run (only values reach the parameters, never SQL text). */
export function whereClause(q: RunFilters): { sql: string; params: SqlValue[] } {
  const view = viewClause(q);
  const where = ["s.run_id = ?", "(c.churn_date IS NULL OR c.churn_date > ?)", ...view.where];
  const params: SqlValue[] = [q.runId, q.now, ...view.params];
  const add = (clause: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
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
