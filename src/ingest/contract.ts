/** The public data contract: files, columns (required first) and allowed values. See README. */
export const ImportKind = {
  Customers: "customers",
  Agents: "agents",
  Usage: "usage",
  Tickets: "tickets",
  Surveys: "surveys",
} as const;
export type ImportKind = (typeof ImportKind)[keyof typeof ImportKind];

/** Dependency order: referenced kinds first. */
export const IMPORT_ORDER: ImportKind[] = ["customers", "agents", "usage", "tickets", "surveys"];

export const CHANNELS = ["email", "chat", "phone", "social", "web", "other"] as const;
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const TICKET_STATUSES = ["open", "pending", "solved", "closed"] as const;
export const SURVEY_KINDS = ["csat", "nps", "ces"] as const;
/** Score range of each survey kind, inclusive. */
export const SURVEY_SCALES = { csat: [1, 5], nps: [0, 10], ces: [1, 7] } as const;

export interface KindContract {
  kind: ImportKind;
  file: string;
  /** The column holding the row's id (for usage, the id is customer_id + date + metric). */
  idColumn: string;
  required: string[];
  optional: string[];
}

export const CONTRACTS: Record<ImportKind, KindContract> = {
  customers: {
    kind: "customers",
    file: "customers.csv",
    idColumn: "customer_id",
    required: ["customer_id", "signup_date"],
    optional: ["name", "email", "plan", "mrr", "churn_date", "segment", "timezone", "owner_email", "contact_name"],
  },
  agents: {
    kind: "agents",
    file: "agents.csv",
    idColumn: "agent_id",
    required: ["agent_id"],
    optional: ["name", "email", "team"],
  },
  usage: {
    kind: "usage",
    file: "usage.csv",
    idColumn: "customer_id+date+metric",
    required: ["customer_id", "date", "metric", "value"],
    optional: [],
  },
  tickets: {
    kind: "tickets",
    file: "tickets.csv",
    idColumn: "ticket_id",
    required: ["ticket_id", "customer_id", "created_at"],
    optional: [
      "subject",
      "channel",
      "priority",
      "category",
      "agent_id",
      "first_response_at",
      "resolved_at",
      "closed_at",
      "status",
      "reopened_count",
      "requester_name",
    ],
  },
  surveys: {
    kind: "surveys",
    file: "surveys.csv",
    idColumn: "response_id",
    required: ["response_id", "customer_id", "kind", "score", "responded_at"],
    optional: ["ticket_id", "comment"],
  },
};

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_ORDER as string[]).includes(value);
}
