import type { ImportKind } from "../../ingest/contract.ts";
import type { AgentRow, CustomerRow, ImportRow, SurveyRow, TicketRow, UsageRow } from "../import-rows.ts";

/** Column types, as PostgreSQL names them for unnest() arrays. */
type PgType = "text" | "float8" | "int4" | "timestamp";

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
  values(row: Row, metricId?: number): (string | number | null)[];
  /** The row's identity within one import, for duplicate detection. */
  seenKey(row: Row, metricId?: number): string | number;
}

const text = (name: string): Column => ({ name, type: "text" });
const float = (name: string): Column => ({ name, type: "float8" });
const int = (name: string): Column => ({ name, type: "int4" });
const ts = (name: string): Column => ({ name, type: "timestamp" });

const customers: TableSpec<CustomerRow> = {
  table: "customers",
  keys: [text("external_id")],
  columns: [text("name"), text("email"), text("plan"), float("mrr"), ts("signup_date"), ts("churn_date"), text("segment"), text("timezone"), text("owner_email")],
  values: (r) => [r.externalId, r.name, r.email, r.plan, r.mrr, r.signupDate, r.churnDate, r.segment, r.timezone, r.ownerEmail],
  seenKey: (r) => r.externalId,
};

const agents: TableSpec<AgentRow> = {
  table: "agents",
  keys: [text("external_id")],
  columns: [text("name"), text("email"), text("team")],
  values: (r) => [r.externalId, r.name, r.email, r.team],
  seenKey: (r) => r.externalId,
};

const usage: TableSpec<UsageRow> = {
  table: "usage",
  keys: [int("customer_id"), int("metric_id"), int("day")],
  columns: [float("value")],
  values: (r, metricId) => [r.customerId, metricId!, r.day, r.value],
  // One integer (cheaper to index than text) while ids and days fit; text otherwise.
  seenKey: (r, metricId) =>
    r.customerId < 2 ** 26 && metricId! < 1024 && r.day >= 0 && r.day < 131_072
      ? (r.customerId * 1024 + metricId!) * 131_072 + r.day
      : `${r.customerId}:${metricId}:${r.day}`,
};

const tickets: TableSpec<TicketRow> = {
  table: "tickets",
  keys: [text("external_id")],
  columns: [
    int("customer_id"), ts("created_at"), text("subject"), text("channel"), text("priority"), text("category"),
    int("agent_id"), ts("first_response_at"), ts("resolved_at"), ts("closed_at"), text("status"), int("reopened_count"),
  ],
  values: (r) => [
    r.externalId, r.customerId, r.createdAt, r.subject, r.channel, r.priority, r.category,
    r.agentId, r.firstResponseAt, r.resolvedAt, r.closedAt, r.status, r.reopenedCount,
  ],
  seenKey: (r) => r.externalId,
};

const surveys: TableSpec<SurveyRow> = {
  table: "surveys",
  keys: [text("external_id")],
  columns: [int("customer_id"), text("kind"), int("score"), ts("responded_at"), int("ticket_id"), text("comment")],
  values: (r) => [r.externalId, r.customerId, r.kind, r.score, r.respondedAt, r.ticketId, r.comment],
  seenKey: (r) => r.externalId,
};

export const TABLE_SPECS: Record<ImportKind, TableSpec<any>> = { customers, agents, usage, tickets, surveys };
