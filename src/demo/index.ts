/**
 * Demo world generator: a deterministic, believable SaaS customer base as five CSV files
 * (customers, agents, usage, tickets, surveys) for trying Retain end to end.
 */
export {
  generateDemoWorld,
  type DemoFileSummary,
  type DemoProgress,
  type DemoWorldOptions,
  type DemoWorldSummary,
} from "./generate-demo-world.ts";
export { DEMO_LIMITS } from "./validate-demo-options.ts";
export {
  DEMO_HEADERS,
  DemoFile,
  DemoPhase,
  Segment,
  SURVEY_SCORE_RANGE,
  SurveyKind,
  TicketCategory,
  TicketChannel,
  TicketPriority,
  TicketStatus,
  UsageMetric,
} from "./demo-contract.ts";
