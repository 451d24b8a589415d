import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import BetterSqlite from "better-sqlite3";
import { openDatabase, type Database } from "./database.ts";
import { isClosedWhileRunning, MAX_MMAP_BYTES, SqliteReportClient } from "./sqlite-report-client.ts";

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

describe("SqliteReportClient (db.reports on SQLite)", () => {
  it("reads what the main connection committed, with Dates and booleans as Retain stores them", async () => {
    await db.sql.run("INSERT INTO events (at, ok) VALUES (?, ?)", [new Date("2026-03-01T10:00:00Z"), true]);
    const rows = await db.reports.all<{ id: number; ok: number }>(
      "SELECT id, ok FROM events WHERE at >= ? AND ok = ?",
      [new Date("2026-03-01T00:00:00Z"), true],
    );
    expect(rows).toEqual([{ id: 1, ok: 1 }]);
    await db.sql.run("INSERT INTO events (at, ok) VALUES (?, ?)", [new Date("2026-03-02T10:00:00Z"), false]);
    expect(await db.reports.all("SELECT COUNT(*) AS n FROM events")).toEqual([{ n: 2 }]);
  });

  it("leaves the main thread free while a report is in progress", async () => {
    // A report that cannot finish until this test lets it, whatever the machine's load: another file in
    // rollback-journal mode, where a writer's EXCLUSIVE lock makes readers wait (in WAL they would not).
    const path = join(dir, "locked.db");
    const holder = new BetterSqlite(path);
    holder.exec("CREATE TABLE n (x INTEGER); INSERT INTO n VALUES (1)");
    const reports = new SqliteReportClient(path);
    try {
      expect(await reports.all("SELECT COUNT(*) AS c FROM n")).toEqual([{ c: 1 }]); // the thread is up
      holder.exec("BEGIN EXCLUSIVE; INSERT INTO n VALUES (2)");
      let settled = false;
      const report = reports.all<{ c: number }>("SELECT COUNT(*) AS c FROM n").finally(() => (settled = true));
      for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 5)); // timers keep firing
      expect(await db.sql.all("SELECT 1 AS one")).toEqual([{ one: 1 }]); // the main connection answers
      expect(settled).toBe(false); // … while the report waits in its thread
      holder.exec("COMMIT");
      expect(await report).toEqual([{ c: 2 }]);
    } finally {
      await reports.close();
      holder.close();
    }
  });

  it("refuses writes and reports a bad query as a database error", async () => {
    await expect(db.reports.run("DELETE FROM events")).rejects.toMatchObject({ code: "INTERNAL" });
    await expect(db.reports.all("SELECT * FROM no_such_table")).rejects.toMatchObject({
      code: "DATABASE",
      message: expect.stringContaining("no such table"),
    });
    expect(await db.reports.all("SELECT COUNT(*) AS n FROM events")).toEqual([{ n: 2 }]); // and keeps working
  });

  it.each([
    [2, true],
    [1, false],
  ])("with %i thread(s), another query answers while one waits for a lock: %s", async (threads, answersMeanwhile) => {
    // As above, a report that waits until the test lets it; SELECT 1 reads no table, so it needs no lock.
    const path = join(dir, `locked-${threads}.db`);
    const holder = new BetterSqlite(path);
    holder.exec("CREATE TABLE n (x INTEGER); INSERT INTO n VALUES (1)");
    const reports = new SqliteReportClient(path, { threads });
    try {
      // Two at once: every thread there may be is up and has read the schema before the lock.
      await Promise.all([reports.all("SELECT COUNT(*) AS c FROM n"), reports.all("SELECT COUNT(*) AS c FROM n")]);
      holder.exec("BEGIN EXCLUSIVE; INSERT INTO n VALUES (2)");
      const waiting = reports.all<{ c: number }>("SELECT COUNT(*) AS c FROM n");
      let answered = false;
      const other = reports.all("SELECT 1 AS one").then((rows) => {
        answered = true;
        return rows;
      });
      // Up to 5 s for the answer that should come (a loaded machine is slow), 0.4 s for the one that should not.
      for (let i = 0; i < (answersMeanwhile ? 500 : 40) && !answered; i++) await new Promise((r) => setTimeout(r, 10));
      expect(answered).toBe(answersMeanwhile);
      holder.exec("COMMIT");
      expect(await waiting).toEqual([{ c: 2 }]);
      expect(await other).toEqual([{ one: 1 }]);
    } finally {
      await reports.close();
      holder.close();
    }
  });

  it("rejects a query still running when it is closed, instead of leaving it pending", async () => {
    const path = join(dir, "closed.db");
    const holder = new BetterSqlite(path);
    holder.exec("CREATE TABLE n (x INTEGER); INSERT INTO n VALUES (1)");
    const reports = new SqliteReportClient(path);
    try {
      await reports.all("SELECT COUNT(*) AS c FROM n");
      holder.exec("BEGIN EXCLUSIVE; INSERT INTO n VALUES (2)");
      const waiting = reports.all("SELECT COUNT(*) AS c FROM n").catch((e: unknown) => e);
      const closing = reports.close(); // the thread stops once SQLite hands it back (the lock is let go below)
      const error = await waiting;
      expect(error).toMatchObject({ code: "DATABASE", message: expect.stringContaining("closed") });
      expect(isClosedWhileRunning(error)).toBe(true); // a shutdown: callers need not report it as a failure
      expect(isClosedWhileRunning(new Error("closed"))).toBe(false);
      holder.exec("COMMIT");
      await closing;
      expect(await reports.all("SELECT COUNT(*) AS c FROM n")).toEqual([{ c: 2 }]); // a later query starts a thread
    } finally {
      if (holder.inTransaction) holder.exec("COMMIT");
      await reports.close();
      holder.close();
    }
  });

  it("reads through a memory map of the largest size SQLite allows, or none when asked", async () => {
    expect(await db.reports.all("PRAGMA mmap_size")).toEqual([{ mmap_size: MAX_MMAP_BYTES }]);
    const plain = new SqliteReportClient(join(dir, "retain.db"), { mmapBytes: 0 });
    try {
      expect(await plain.all("PRAGMA mmap_size")).toEqual([{ mmap_size: 0 }]);
    } finally {
      await plain.close();
    }
  });
});
