export { assertMigrated, openDatabase, type Database } from "./database.ts";
export { applyMigrations, migrationStatus, type MigrationStatus } from "./migrate.ts";
export { openBulkWriter, type BulkWriter } from "./bulk/index.ts";
export { readUsageCubes, type UsageCubes } from "./usage-cubes/index.ts";
export type { PrismaClient } from "./prisma-client.ts";
export * from "./timestamps.ts";
export * from "./repositories/import-runs.ts";
