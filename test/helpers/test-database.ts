import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Config, Dialect } from "../../src/config.ts";
import { applyMigrations, openDatabase, type Database } from "../../src/db/index.ts";

/**
 * The dialects the database tests run on. PostgreSQL runs when RETAIN_TEST_PG_URL points at
 * a server (CI starts one: .ci/run); in CI its absence is an error, never a silent skip.
 */
export function testDialects(): Dialect[] {
  if (process.env.RETAIN_TEST_PG_URL) return ["sqlite", "postgres"];
  if (process.env.CI)
    throw new Error("RETAIN_TEST_PG_URL is not set: CI must run the database tests on PostgreSQL too");
  return ["sqlite"];
}

export interface TestDatabase {
  db: Database;
  config: Pick<Config, "dialect" | "databaseUrl"> & { dataDir: string };
  /** Environment for a child `retain` process on the same database. */
  env: NodeJS.ProcessEnv;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database: a temp SQLite file, or a new PostgreSQL database. `migrationsDir`
 * migrates it from another folder (a migration test starts from the migrations before its own).
 */
export async function createTestDatabase(
  dialect: Dialect,
  options: { migrationsDir?: string } = {},
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), "retain-test-"));
  let databaseUrl: string;
  let dropServerDb = async () => {};
  if (dialect === "sqlite") {
    databaseUrl = `file:${join(dataDir, "retain.db")}`;
  } else {
    const admin = process.env.RETAIN_TEST_PG_URL!;
    const name = `retain_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropServerDb = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      // Closed pools (ours and Prisma's) may still be saying goodbye: a FORCE drop would kill those
      // connections mid-close, and their clients would throw an uncaught 57P01. Wait until they are gone.
      for (let waited = 0; waited < 5000; waited += 50) {
        const { rows } = await c.query("SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const config = { dialect, databaseUrl, dataDir };
  const db = openDatabase(config);
  await applyMigrations(db.sql, options.migrationsDir);
  return {
    db,
    config,
    env: { ...process.env, DATABASE_URL: databaseUrl, RETAIN_DATA_DIR: dataDir, LOG_LEVEL: "silent" },
    async drop() {
      await db.close();
      await dropServerDb();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
