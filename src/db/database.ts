import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type Sqlite from "better-sqlite3";
import type pg from "pg";
import type { Config, Dialect } from "../config.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { migrationStatus } from "./migrate.ts";
import { createPrismaClient, type PrismaClient } from "./prisma-client.ts";
import { createPostgresPool, PostgresClient } from "./postgres-client.ts";
import type { SqlClient } from "./sql-client.ts";
import { openSqliteFile, SqliteClient } from "./sqlite-client.ts";
import { SqliteReportClient } from "./sqlite-report-client.ts";

/** An open database: raw SQL for aggregates and bulk paths, Prisma for everything else. */
export interface Database {
  readonly dialect: Dialect;
  readonly sql: SqlClient;
  /**
   * Read-only SQL for long reports (KPIs): on SQLite a thread with its own connection, so the
   * server keeps answering while a report runs; on PostgreSQL the same pool as `sql`.
   */
  readonly reports: SqlClient;
  /** The Prisma client, created on first use. */
  prisma(): PrismaClient;
  /** Driver handles for bulk paths inside src/db/ only. */
  readonly driver: { sqlite?: Sqlite.Database; pool?: pg.Pool };
  /**
   * Record batches that changed data through this handle without an import run to show for it
   * (HTTP ingest): how many and the last one's time, so readers in this process can tell new data
   * (see readDataVersion). Only goes up.
   */
  readonly ingests: { count: number; lastAt: Date | null };
  close(): Promise<void>;
}

/** Opens (and for SQLite, creates) the configured database. */
export function openDatabase(config: Pick<Config, "dialect" | "databaseUrl">): Database {
  let sql: SqlClient;
  let reports: SqlClient;
  const driver: Database["driver"] = {};
  if (config.dialect === "sqlite") {
    const path = config.databaseUrl.slice("file:".length);
    mkdirSync(dirname(path), { recursive: true });
    driver.sqlite = openSqliteFile(path);
    sql = new SqliteClient(driver.sqlite);
    reports = path === ":memory:" ? sql : new SqliteReportClient(path);
  } else {
    driver.pool = createPostgresPool(config.databaseUrl);
    sql = reports = new PostgresClient(driver.pool);
  }
  let prisma: PrismaClient | undefined;
  return {
    dialect: config.dialect,
    sql,
    reports,
    driver,
    ingests: { count: 0, lastAt: null },
    prisma: () => (prisma ??= createPrismaClient(config)),
    async close() {
      await prisma?.$disconnect();
      if (reports !== sql) await reports.close();
      await sql.close();
    },
  };
}

/** Fails with how to fix it when the schema is missing or behind. */
export async function assertMigrated(db: Database): Promise<void> {
  const { pending } = await migrationStatus(db.sql);
  if (pending.length) {
    throw new AppError(
      ErrorCode.Database,
      `the database schema is behind: ${pending.length} migration(s) pending (${pending.join(", ")}); run \`npx retain db migrate\``,
    );
  }
}
