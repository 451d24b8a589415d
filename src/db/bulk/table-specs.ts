import type { AgentRow, CustomerRow, ImportRow, SurveyRow, TicketRow, UsageRow } from "../import-rows.ts";

/** Column types, as PostgreSQL names them for unnest() arrays. */
type PgType = "text" | "float8" | "int4" | "timestamp";

/** One value of a row as written: text, a number (instants in ms), or null. */
export type Cell = string | number | null;

export interface Column {
  name: string;
  type: PgType;
}

/**
 * How one import kind is stored: the table, its key columns (the upsert target) and
 * value columns, and how a row becomes values in that order (instants still in ms).
 */
export interface TableSpec<Row extends ImportRow = ImportRow> {
  table: string;
  keys: Column[];
  columns: Column[];
  values(row: Row): Cell[];
  /** Whether rows have an integer id (all but usage, which is keyed by customer, metric and day). */
  rowIds: boolean;
  /** Usage only: where values() puts the metric name, which writers replace by the metric's id. */
  metricAt?: number;
  /** The row's identity within one import, for duplicate detection (from values with ids resolved). */
  seenKey(values: Cell[]): string | number;
}

const text = (name: string): Column => ({ name, type: "text" });
const float = (name: string): Column => ({ name, type: "float8" });
const int = (name: string): Column => ({ name, type: "int4" });
const ts = (name: string): Column => ({ name, type: "timestamp" });

/** Kinds keyed by an external id: it comes first in values(). */
const externalId = (values: Cell[]) => values[0] as string;

const customers: TableSpec<CustomerRow> = {
  table: "customers",
  rowIds: true,
  keys: [text("external_id")],
  columns: [
    text("name"),
    text("email"),
    text("plan"),
    float("mrr"),
    ts("signup_date"),
    ts("churn_date"),
    text("segment"),
    text("timezone"),
    text("owner_email"),
    text("contact_name"),
  ],
  values: (r) => [
    r.externalId,
    r.name,
    r.email,
    r.plan,
    r.mrr,
    r.signupDate,
    r.churnDate,
    r.segment,
    r.timezone,
    r.ownerEmail,
    r.contactName,
  ],
  seenKey: externalId,
};

const agents: TableSpec<AgentRow> = {
  table: "agents",
  rowIds: true,
  keys: [text("external_id")],
  columns: [text("name"), text("email"), text("team")],
  values: (r) => [r.externalId, r.name, r.email, r.team],
  seenKey: externalId,
};

const usage: TableSpec<UsageRow> = {
  table: "usage",
  rowIds: false,
  keys: [int("customer_id"), int("metric_id"), int("day")],
  columns: [float("value")],
  values: (r) => [r.customerId, r.metric, r.day, r.value],
  metricAt: 1,
  // One integer (cheaper to index than text) while ids and days fit; text otherwise.
  seenKey: (v) => {
    const [customerId, metricId, day] = v as number[];
    return customerId < 2 ** 26 && metricId < 1024 && day >= 0 && day < 131_072
      ? (customerId * 1024 + metricId) * 131_072 + day
      : `${customerId}:${metricId}:${day}`;
  },
};

const tickets: TableSpec<TicketRow> = {
  table: "tickets",
  rowIds: true,
  keys: [text("external_id")],
  columns: [
    int("customer_id"),
    ts("created_at"),
    text("subject"),
    text("channel"),
    text("priority"),
    text("category"),
    int("agent_id"),
    ts("first_response_at"),
    ts("resolved_at"),
    ts("closed_at"),
    text("status"),
    int("reopened_count"),
    text("requester_name"),
  ],
  values: (r) => [
    r.externalId,
    r.customerId,
    r.createdAt,
    r.subject,
    r.channel,
    r.priority,
    r.category,
    r.agentId,
    r.firstResponseAt,
    r.resolvedAt,
    r.closedAt,
    r.status,
    r.reopenedCount,
    r.requesterName,
  ],
  seenKey: externalId,
};

const surveys: TableSpec<SurveyRow> = {
  table: "surveys",
  rowIds: true,
  keys: [text("external_id")],
  columns: [int("customer_id"), text("kind"), int("score"), ts("responded_at"), int("ticket_id"), text("comment")],
  values: (r) => [r.externalId, r.customerId, r.kind, r.score, r.respondedAt, r.ticketId, r.comment],
  seenKey: externalId,
};

/** The tables the bulk writers fill, one per import kind (db's own name for them, so db imports nothing of ingest/). */
export type BulkTable = "customers" | "agents" | "usage" | "tickets" | "surveys";

// One record of specs of different row types (`values` takes its own): each writer passes a spec only its own rows.
// biome-ignore lint/suspicious/noExplicitAny: no single row type fits every spec's `values` parameter
export const TABLE_SPECS: Record<BulkTable, TableSpec<any>> = { customers, agents, usage, tickets, surveys };
