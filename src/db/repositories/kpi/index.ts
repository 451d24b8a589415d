/** KPI queries: aggregates over customers, tickets, surveys and risk runs, on SQLite and PostgreSQL. */
export { agentNames } from "./agent-names.ts";
export {
  atRiskOpenTickets,
  countOpenTickets,
  latestCompleteRun,
  type AtRiskOpenTicketsRow,
} from "./at-risk-open-tickets.ts";
export { countCustomers, type CustomerCountRow } from "./count-customers.ts";
export { countSurveyAnswers, type SurveyCountRow } from "./count-survey-answers.ts";
export { countCompleteRuns } from "./count-complete-runs.ts";
export { crrOutcomes, type CrrOutcomeRow } from "./crr-outcomes.ts";
export {
  KpiGroup,
  Outcome,
  type CustomerGroup,
  type KpiRange,
  type OutcomeCountRow,
  type TicketGroup,
} from "./kpi-sql.ts";
export {
  agentOutcomes,
  RESOLUTION_BUCKET_HOURS,
  supportOutcomes,
  type AgentOutcomeRow,
  type SupportOutcomeRow,
} from "./support-outcomes.ts";
export { ticketStats, type TicketStatsRow } from "./ticket-stats.ts";
