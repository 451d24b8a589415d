import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Config } from "../config.ts";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client.ts";

/** Both generated clients have the same model API; the SQLite one's type stands for both. */
export type PrismaClient = SqlitePrismaClient;

/** A Prisma client on the configured database through its driver adapter (no engine binary). */
export function createPrismaClient(config: Pick<Config, "dialect" | "databaseUrl">): PrismaClient {
  if (config.dialect === "sqlite") {
    return new SqlitePrismaClient({ adapter: new PrismaBetterSQLite3({ url: config.databaseUrl }) });
  }
  const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: config.databaseUrl }) });
  return client as unknown as PrismaClient;
}
