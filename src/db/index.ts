export { assertMigrated, openDatabase, type Database } from "./database.ts";
export { applyMigrations, migrationStatus, type MigrationStatus } from "./migrate.ts";
export { openBulkWriter, type BulkWriter } from "./bulk/index.ts";
export { readUsageCubes, type UsageCubes } from "./usage-cubes/index.ts";
export { isClosedWhileRunning } from "./sqlite-report-client.ts";
export type { PrismaClient } from "./prisma-client.ts";
export type { SqlClient } from "./sql-client.ts";
export * from "./timestamps.ts";
export * from "./repositories/import-runs.ts";
export { findActiveApiKeyById, type SessionKeyRecord } from "./repositories/api-key-sessions.ts";
export {
  findActiveApiKeyByHash,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
  type ApiKeyRecord,
} from "./repositories/api-keys.ts";
export {
  countOwnedAccounts,
  findPasswordTokenUser,
  findUserByEmail,
  findUserCredentials,
  insertPasswordToken,
  insertUser,
  listActiveUsers,
  listUsers,
  spendPasswordToken,
  touchUserSignIn,
  updateUser,
  type UserCredentials,
  type UserRecord,
} from "./repositories/users.ts";
export {
  AtRiskSort,
  AtRiskView,
  countAtRisk,
  listAtRiskFacets,
  listAtRiskPage,
  listAtRiskRenewalKeys,
  listAtRiskRowsByIds,
  loadListContext,
  summarizeAtRiskRun,
  type AtRiskFilters,
  type AtRiskRow,
  type AtRiskRunSummary,
  type LastTicket,
  type RenewalKey,
  type RunFilters,
  type SqlAtRiskSort,
} from "./repositories/at-risk-list.ts";
export {
  findAtRiskCutoff,
  findCustomer,
  findCustomers,
  listCustomerSurveys,
  listCustomerTickets,
  listCustomerUsage,
  listMetricNames,
  listRiskHistory,
  type CustomerRecord,
  type CustomerSurvey,
  type CustomerTicket,
} from "./repositories/customer-detail.ts";
export {
  findCustomerNote,
  insertCustomerNote,
  listCustomerNotes,
  updateCustomerNote,
  type CustomerNote,
} from "./repositories/customer-notes.ts";
export {
  insertCustomerEvent,
  insertCustomerEvents,
  listCustomerEvents,
  type CustomerEventRow,
} from "./repositories/customer-events.ts";
export {
  getCustomerState,
  listCustomerStates,
  setCustomerState,
  setCustomerStates,
  type CustomerState,
  type CustomerStateFields,
} from "./repositories/customer-state.ts";
export {
  findModelVersion,
  insertModelVersion,
  listModelEvents,
  listModelVersions,
  type ModelVersionRecord,
} from "./repositories/model-versions.ts";
export { findPreviousRiskRun, latestRiskRun } from "./repositories/risk-runs.ts";
export {
  insertDecision,
  listDecisions,
  type DecisionEvidence,
  type DecisionFilters,
  type DecisionLogEntry,
} from "./repositories/outreach-decisions.ts";
export {
  agentExists,
  hasCapConflict,
  loadLatestRisk,
  loadTicketFacts,
  lockCustomer,
  type LatestRisk,
  type TicketFacts,
} from "./repositories/outreach-facts.ts";
export {
  confirmHeldOut,
  getFollowUp,
  insertFollowUp,
  listHeldOutDue,
  recordEndedOutcomes,
  transitionFollowUp,
  type FollowUpRecord,
} from "./repositories/outreach-follow-ups.ts";
export {
  claimOutbox,
  closeOutbox,
  deferOutbox,
  insertOutbox,
  listDueOutbox,
  markOutboxSent,
  type OutboxRecord,
} from "./repositories/outreach-outbox.ts";
export { countFollowUps, type FollowUpCountRow } from "./repositories/outreach-report-rows.ts";
export {
  claimTrigger,
  enqueueRecentClosings,
  enqueueTriggers,
  listPendingTriggers,
  setTriggerResult,
} from "./repositories/outreach-triggers.ts";
export { hasWebhookEvent, recordWebhookEvent } from "./repositories/outreach-webhooks.ts";
