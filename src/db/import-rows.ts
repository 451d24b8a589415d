/** Validated rows ready for the database: ids resolved, instants in ms since epoch (UTC). */
export interface CustomerRow {
  externalId: string;
  name: string | null;
  email: string | null;
  plan: string | null;
  mrr: number;
  signupDate: number;
  churnDate: number | null;
  segment: string | null;
  timezone: string;
  ownerEmail: string | null;
  /** The person follow-ups greet. */
  contactName: string | null;
}

export interface AgentRow {
  externalId: string;
  name: string | null;
  email: string | null;
  team: string | null;
}

/** day: days since 1970-01-01 (UTC). */
export interface UsageRow {
  customerId: number;
  metric: string;
  day: number;
  value: number;
}

export interface TicketRow {
  externalId: string;
  customerId: number;
  createdAt: number;
  subject: string | null;
  channel: string;
  priority: string;
  category: string | null;
  agentId: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  status: string;
  reopenedCount: number;
  /** The requester's name from the helpdesk (the follow-up's greeting). */
  requesterName: string | null;
}

export interface SurveyRow {
  externalId: string;
  customerId: number;
  kind: string;
  score: number;
  respondedAt: number;
  ticketId: number | null;
  comment: string | null;
}

export type ImportRow = CustomerRow | AgentRow | UsageRow | TicketRow | SurveyRow;
