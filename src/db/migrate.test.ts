import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDialects, type TestDatabase } from "../../test/helpers/test-database.ts";
import { applyMigrations, migrationStatus } from "./migrate.ts";

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "retain-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "sqlite.sql"), sql);
    writeFileSync(join(dir, name, "postgres.sql"), sql);
  }
  return dir;
}

describe.each(testDialects())("migrations on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("the real migrations are applied and nothing is pending", async () => {
    const status = await migrationStatus(t.db.sql);
    expect(status.pending).toEqual([]);
    expect(status.applied[0]).toBe("0001_init");
    expect(await applyMigrations(t.db.sql)).toEqual([]);
  });

  it("applies pending migrations in order, once, and each one whole or not at all", async () => {
    const dir = migrationsDir({
      "0001_a": "CREATE TABLE mig_a (id INTEGER PRIMARY KEY);",
      "0002_b": "CREATE TABLE mig_b (id INTEGER PRIMARY KEY); INSERT INTO mig_b VALUES (1);",
      "0003_broken": "CREATE TABLE mig_c (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1);",
    });
    await expect(applyMigrations(t.db.sql, dir)).rejects.toThrow();
    const status = await migrationStatus(t.db.sql, dir);
    expect(status).toMatchObject({ applied: ["0001_a", "0002_b"], pending: ["0003_broken"] });
    const leftover =
      dialect === "sqlite"
        ? await t.db.sql.all("SELECT name FROM sqlite_master WHERE name = 'mig_c'")
        : await t.db.sql.all("SELECT tablename FROM pg_tables WHERE tablename = 'mig_c'");
    expect(leftover).toEqual([]);
  });

  it("refuses a migration edited after it was applied", async () => {
    const dir = migrationsDir({ "0001_a": "CREATE TABLE mig_a (id INTEGER PRIMARY KEY, edited INTEGER);" });
    await expect(migrationStatus(t.db.sql, dir)).rejects.toThrow(/migration 0001_a was edited after it was applied/);
  });
});
