/**
 * The demo world's data contract: file names, header rows and the closed value sets.
 * Importers and KPI code may rely on these; change them only together with the contract.
 */

/** The five files of a demo world, by key. */
export const DemoFile = {
  Customers: "customers",
  Agents: "agents",
  Usage: "usage",
  Tickets: "tickets",
  Surveys: "surveys",
} as const;
export type DemoFile = (typeof DemoFile)[keyof typeof DemoFile];

/** Header row of each file, in column order. */
export const DEMO_HEADERS: Readonly<Record<DemoFile, readonly string[]>> = {
  customers: [
    "customer_id",
    "name",
    "email",
    "plan",
    "mrr",
    "signup_date",
    "churn_date",
    "segment",
    "timezone",
    "owner_email",
  ],
  agents: ["agent_id", "name", "email", "team"],
  usage: ["customer_id", "date", "metric", "value"],
  tickets: [
    "ticket_id",
    "customer_id",
    "created_at",
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
  ],
  surveys: ["response_id", "customer_id", "kind", "score", "responded_at", "ticket_id", "comment"],
};

/** Daily usage metrics (long format; a missing row means 0). */
export const UsageMetric = { Logins: "logins", ActiveUsers: "active_users", Events: "events" } as const;
export type UsageMetric = (typeof UsageMetric)[keyof typeof UsageMetric];

export const Segment = { Smb: "SMB", MidMarket: "Mid-Market", Enterprise: "Enterprise" } as const;
export type Segment = (typeof Segment)[keyof typeof Segment];

export const TicketChannel = {
  Email: "email",
  Chat: "chat",
  Phone: "phone",
  Social: "social",
  Web: "web",
  Other: "other",
} as const;
export type TicketChannel = (typeof TicketChannel)[keyof typeof TicketChannel];

export const TicketPriority = { Low: "low", Normal: "normal", High: "high", Urgent: "urgent" } as const;
export type TicketPriority = (typeof TicketPriority)[keyof typeof TicketPriority];

export const TicketStatus = { Open: "open", Pending: "pending", Solved: "solved", Closed: "closed" } as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];

export const TicketCategory = {
  Billing: "billing",
  Bug: "bug",
  HowTo: "how-to",
  Outage: "outage",
  Account: "account",
  FeatureRequest: "feature request",
} as const;
export type TicketCategory = (typeof TicketCategory)[keyof typeof TicketCategory];

/**
 * Survey kinds and score ranges: CSAT 1–5 (5 = very satisfied), NPS 0–10,
 * CES 1–7 (7 = "it was very easy", so higher is better for all three).
 */
export const SurveyKind = { Csat: "csat", Nps: "nps", Ces: "ces" } as const;
export type SurveyKind = (typeof SurveyKind)[keyof typeof SurveyKind];

/** Inclusive score range of each survey kind. */
export const SURVEY_SCORE_RANGE: Readonly<Record<SurveyKind, readonly [number, number]>> = {
  csat: [1, 5],
  nps: [0, 10],
  ces: [1, 7],
};

/** Progress phases reported through `onProgress`. */
export const DemoPhase = { Customers: "customers" } as const;
export type DemoPhase = (typeof DemoPhase)[keyof typeof DemoPhase];
