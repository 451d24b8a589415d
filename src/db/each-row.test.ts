import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./database.ts";

const dir = mkdtempSync(join(tmpdir(), "retain-each-row-"));
let db: Database;

beforeAll(async () => {
  db = openDatabase({ dialect: "sqlite", databaseUrl: `file:${join(dir, "retain.db")}` });
  await db.sql.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, x REAL, s TEXT)");
  for (let i = 1; i <= 5; i++) await db.sql.run("INSERT INTO t (x, s) VALUES (?, ?)", [i / 2, i % 2 ? `s${i}` : null]);
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const collect = async (client: Database["sql"], sql: string, params: (string | number)[] = []) => {
  const rows: unknown[][] = [];
  const n = await client.eachRow(sql, params, (r) => rows.push([...r]));
  return { n, rows: rows.sort((a, b) => Number(a[0]) - Number(b[0])) };
};

describe("SqlClient.eachRow on SQLite", () => {
  it("hands over every row's values in SELECT order, nulls included", async () => {
    expect(await collect(db.sql, "SELECT id, x, s FROM t WHERE id >= ?", [4])).toEqual({
      n: 2,
      rows: [
        [4, 2, null],
        [5, 2.5, "s5"],
      ],
    });
    expect(await collect(db.sql, "SELECT id FROM t WHERE id > 99")).toEqual({ n: 0, rows: [] });
  });

  it("works for every row width, the widest through the varargs sink", async () => {
    for (const width of [1, 2, 7, 12, 13, 20]) {
      const columns = Array.from({ length: width }, (_, i) => `id * ${i + 1} AS c${i}`).join(", ");
      const { rows } = await collect(db.sql, `SELECT ${columns} FROM t`);
      expect(rows).toHaveLength(5);
      expect(rows[2]).toEqual(Array.from({ length: width }, (_, i) => 3 * (i + 1)));
    }
  });

  it("propagates an error thrown by the callback and stays usable", async () => {
    await expect(
      db.sql.eachRow("SELECT id FROM t", [], () => {
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect((await collect(db.sql, "SELECT id FROM t")).n).toBe(5);
  });

  it("reads through the report thread too", async () => {
    expect(await collect(db.reports, "SELECT id, s FROM t WHERE id <= ?", [2])).toEqual({
      n: 2,
      rows: [
        [1, "s1"],
        [2, null],
      ],
    });
  });
});
