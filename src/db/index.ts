export { assertMigrated, openDatabase, type Database } from "./database.ts";
export { applyMigrations, migrationStatus, type MigrationStatus } from "./migrate.ts";
export { openBulkWriter, type BulkWriter } from "./bulk/index.ts";
export { readUsageCubes, type UsageCubes } from "./usage-cubes/index.ts";
export type { PrismaClient } from "./prisma-client.ts";
export * from "./timestamps.ts";
export * from "./repositories/import-runs.ts";
export { findActiveApiKeyById, type SessionKeyRecord } from "./repositories/api-key-sessions.ts";
export { findActiveApiKeyByHash, insertApiKey, listApiKeys, revokeApiKey, touchApiKey, type ApiKeyRecord } from "./repositories/api-keys.ts";
export {
  AtRiskSort, countAtRisk, listAtRiskFacets, listAtRiskPage, loadListContext, type AtRiskFilters, type AtRiskRow, type LastTicket,
} from "./repositories/at-risk-list.ts";
export {
  findCustomer, listCustomerSurveys, listCustomerTickets, listCustomerUsage, listMetricNames, listRiskHistory,
  type CustomerRecord, type CustomerSurvey, type CustomerTicket,
} from "./repositories/customer-detail.ts";
export { insertCustomerNote, listCustomerNotes, type CustomerNote } from "./repositories/customer-notes.ts";
export { getCustomerState, setCustomerState, type CustomerState } from "./repositories/customer-state.ts";
export { findModelVersion, insertModelVersion, listModelEvents, listModelVersions, type ModelVersionRecord } from "./repositories/model-versions.ts";
export { findPreviousRiskRun, latestRiskRun } from "./repositories/risk-runs.ts";
