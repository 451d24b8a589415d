import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AppError, ErrorCode } from "../errors.ts";
import { projectPath } from "../project-path.ts";
import type { SqlClient } from "./sql-client.ts";

/** prisma/migrations/NNNN_name/{sqlite,postgres}.sql, written by scripts/new-migration.mjs. */
export const MIGRATIONS_DIR = projectPath("prisma", "migrations");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

/** The versioned migrations for one dialect, in order. */
export function listMigrations(dialect: SqlClient["dialect"], dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^\d{4}_/.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, `${dialect}.sql`), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS retain_migrations (
  name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`;

async function appliedChecksums(sql: SqlClient): Promise<Map<string, string>> {
  await sql.exec(CREATE_LEDGER);
  const rows = await sql.all<{ name: string; checksum: string }>("SELECT name, checksum FROM retain_migrations");
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

/** Which migrations are applied and which are pending; refuses an edited applied migration. */
export async function migrationStatus(sql: SqlClient, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const applied = await appliedChecksums(sql);
  const all = listMigrations(sql.dialect, dir);
  for (const m of all) {
    const checksum = applied.get(m.name);
    if (checksum && checksum !== m.checksum) {
      throw new AppError(
        ErrorCode.Database,
        `migration ${m.name} was edited after it was applied (checksum ${m.checksum.slice(0, 12)}, ` +
          `applied ${checksum.slice(0, 12)}); add a new migration instead`,
      );
    }
  }
  return {
    applied: all.filter((m) => applied.has(m.name)).map((m) => m.name),
    pending: all.filter((m) => !applied.has(m.name)).map((m) => m.name),
  };
}

/**
 * Applies pending migrations, each in its own transaction with its ledger row, so a
 * crash leaves every migration either applied and recorded or not at all. On PostgreSQL
 * an advisory lock keeps two processes from migrating at once.
 */
export async function applyMigrations(sql: SqlClient, dir = MIGRATIONS_DIR): Promise<string[]> {
  const { pending } = await migrationStatus(sql, dir);
  const byName = new Map(listMigrations(sql.dialect, dir).map((m) => [m.name, m]));
  const done: string[] = [];
  for (const name of pending) {
    const m = byName.get(name)!;
    const applied = await sql.transaction(async (tx) => {
      if (tx.dialect === "postgres") await tx.all("SELECT pg_advisory_xact_lock(727274)");
      const again = await tx.all("SELECT 1 FROM retain_migrations WHERE name = ?", [name]);
      if (again.length) return false;
      await tx.exec(m.sql);
      await tx.run("INSERT INTO retain_migrations (name, checksum, applied_at) VALUES (?, ?, ?)", [
        name,
        m.checksum,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (applied) done.push(name);
  }
  return done;
}
