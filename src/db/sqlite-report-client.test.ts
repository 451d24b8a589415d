import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./database.ts";

const dir = mkdtempSync(join(tmpdir(), "retain-reports-"));
let db: Database;

beforeAll(async () => {
  db = openDatabase({ dialect: "sqlite", databaseUrl: `file:${join(dir, "retain.db")}` });
  await db.sql.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, ok INTEGER NOT NULL)");
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A read that keeps SQLite busy for a while: a recursive count to `n`. */
const slowCount = (n: number) => `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${n}) SELECT COUNT(*) AS n FROM c`;

describe("SqliteReportClient (db.reports on SQLite)", () => {
  it("reads what the main connection committed, with Dates and booleans as Retain stores them", async () => {
    await db.sql.run("INSERT INTO events (at, ok) VALUES (?, ?)", [new Date("2026-03-01T10:00:00Z"), true]);
    const rows = await db.reports.all<{ id: number; ok: number }>("SELECT id, ok FROM events WHERE at >= ? AND ok = ?", [new Date("2026-03-01T00:00:00Z"), true]);
    expect(rows).toEqual([{ id: 1, ok: 1 }]);
    await db.sql.run("INSERT INTO events (at, ok) VALUES (?, ?)", [new Date("2026-03-02T10:00:00Z"), false]);
    expect(await db.reports.all("SELECT COUNT(*) AS n FROM events")).toEqual([{ n: 2 }]);
  });

  it("leaves the main thread free while a long report runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    let mainAnsweredAt = 0;
    const report = db.reports.all<{ n: number }>(slowCount(3_000_000)).then((rows) => ({ rows, at: performance.now() - started }));
    await new Promise((r) => setTimeout(r, 20));
    await db.sql.all("SELECT COUNT(*) FROM events").then(() => (mainAnsweredAt = performance.now() - started));
    const { rows, at } = await report;
    clearInterval(timer);
    expect(rows).toEqual([{ n: 3_000_000 }]);
    expect(mainAnsweredAt).toBeLessThan(at); // the main connection answered before the report finished
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(at / 5 / 4)); // timers kept firing (a blocked loop gives ~1)
  });

  it("refuses writes and reports a bad query as a database error", async () => {
    await expect(db.reports.run("DELETE FROM events")).rejects.toMatchObject({ code: "INTERNAL" });
    await expect(db.reports.all("SELECT * FROM no_such_table")).rejects.toMatchObject({ code: "DATABASE", message: expect.stringContaining("no such table") });
    expect(await db.reports.all("SELECT COUNT(*) AS n FROM events")).toEqual([{ n: 2 }]); // and keeps working
  });
});
