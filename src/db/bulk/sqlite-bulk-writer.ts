import { randomBytes } from "node:crypto";
import type Sqlite from "better-sqlite3";
import type { ImportRow } from "../import-rows.ts";
import { openSqliteFile } from "../sqlite-client.ts";
import { toSqliteTimestamp } from "../timestamps.ts";
import { emptyOutcome, type BatchOutcome, type BulkWriter } from "./bulk-writer.ts";
import { InsertedLines } from "./inserted-lines.ts";
import type { Cell, TableSpec } from "./table-specs.ts";

/**
 * SQLite upserts on a connection of its own (so its transactions never mix with other
 * callers'), with prepared statements: insert-if-absent, else update-if-different, which
 * tells new, updated and unchanged rows apart. Repeats of a key within one import are
 * refused: for tables with row ids an insert proves a key new, so only keys that were already
 * there go through the seen table; usage keys (no row id) all do.
 */
export class SqliteBulkWriter implements BulkWriter {
  private readonly db: Sqlite.Database;
  private readonly seenTable = `seen_${randomBytes(4).toString("hex")}`;
  private readonly insert: Sqlite.Statement;
  private readonly update: Sqlite.Statement;
  private readonly returnsIds: boolean;
  private readonly selectId: Sqlite.Statement | null;
  private readonly inserted: InsertedLines | null;
  private readonly markSeen: Sqlite.Statement;
  private readonly firstSeen: Sqlite.Statement;
  private readonly metricIds = new Map<string, number>();
  private readonly timestampAt: number[];

  constructor(
    path: string,
    private readonly spec: TableSpec,
  ) {
    this.db = openSqliteFile(path);
    // The ids seen so far get the same page cache as the tables (the temp default is 2 MB).
    this.db.pragma("temp.cache_size = -65536");
    this.db.exec(`CREATE TEMP TABLE ${this.seenTable} (k PRIMARY KEY, line INTEGER) WITHOUT ROWID`);
    const all = [...spec.keys, ...spec.columns];
    this.timestampAt = all.flatMap((c, i) => (c.type === "timestamp" ? [i] : []));
    const names = all.map((c) => `"${c.name}"`).join(", ");
    const keyList = spec.keys.map((c) => `"${c.name}"`).join(", ");
    // Tickets report the ids they insert or change (follow-up triggers watch closings): an
    // insert's id is its rowid; only updated rows need a look-up (RETURNING would halve speed).
    this.returnsIds = spec.table === "tickets";
    this.insert = this.db.prepare(
      `INSERT INTO ${spec.table} (${names}) VALUES (${all.map(() => "?").join(", ")}) ON CONFLICT (${keyList}) DO NOTHING`,
    );
    // Positional parameters (named ones cost ~30% here): SET values, key values, compared values.
    const set = spec.columns.map((c) => `"${c.name}" = ?`).join(", ");
    const where = spec.keys.map((c) => `"${c.name}" = ?`).join(" AND ");
    const differs = spec.columns.map((c) => `"${c.name}" IS NOT ?`).join(" OR ");
    this.update = this.db.prepare(`UPDATE ${spec.table} SET ${set} WHERE ${where} AND (${differs})`);
    this.inserted = spec.rowIds ? new InsertedLines() : null;
    this.selectId = spec.rowIds ? this.db.prepare(`SELECT id FROM ${spec.table} WHERE ${where}`).pluck() : null;
    this.markSeen = this.db.prepare(
      `INSERT INTO temp.${this.seenTable} (k, line) VALUES (?, ?) ON CONFLICT DO NOTHING`,
    );
    this.firstSeen = this.db.prepare(`SELECT line FROM temp.${this.seenTable} WHERE k = ?`).pluck();
  }

  private metricId(name: string): number {
    let id = this.metricIds.get(name);
    if (id === undefined) {
      this.db.prepare("INSERT INTO metrics (name) VALUES (?) ON CONFLICT (name) DO NOTHING").run(name);
      id = this.db.prepare("SELECT id FROM metrics WHERE name = ?").pluck().get(name) as number;
      this.metricIds.set(name, id);
    }
    return id;
  }

  /** [value columns…, key columns…, value columns…] for the update statement. */
  private updateParams(values: Cell[]): Cell[] {
    const k = this.spec.keys.length;
    const columns = values.slice(k);
    return [...columns, ...values.slice(0, k), ...columns];
  }

  async writeBatch(rows: ImportRow[], lines: number[]): Promise<BatchOutcome> {
    const fill = (i: number, into: Cell[]): void => {
      const values = this.spec.values(rows[i]);
      for (let c = 0; c < values.length; c++) into[c] = values[c];
    };
    return this.writeRows(rows.length, fill, lines);
  }

  /**
   * Upserts `count` rows, each copied by `fill` into one reused array in the order of the
   * spec's values() (from packed columns in the writer thread: no array per row to collect).
   */
  writeRows(count: number, fill: (i: number, into: Cell[]) => void, lines: ArrayLike<number>): BatchOutcome {
    const outcome = emptyOutcome();
    const { metricAt, keys } = this.spec;
    const values: Cell[] = new Array(keys.length + this.spec.columns.length);
    /** Whether row i repeats a key seen earlier in this import (then it is refused); records it otherwise. */
    const repeats = (i: number): boolean => {
      const key = this.spec.seenKey(values);
      if (this.markSeen.run(key, lines[i]).changes === 1) return false;
      outcome.duplicates.push({ index: i, firstLine: this.firstSeen.get(key) as number });
      return true;
    };
    const run = this.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        fill(i, values);
        if (metricAt !== undefined) values[metricAt] = this.metricId(values[metricAt] as string);
        for (const t of this.timestampAt) if (values[t] !== null) values[t] = toSqliteTimestamp(values[t] as number);
        if (!this.inserted && repeats(i)) continue;
        const result = this.insert.run(values);
        if (result.changes === 1) {
          const id = Number(result.lastInsertRowid);
          this.inserted?.set(id, lines[i]);
          outcome.inserted++;
          if (this.returnsIds) outcome.changedIds.push(id);
          continue;
        }
        const id = this.selectId?.get(values.slice(0, keys.length)) as number | undefined;
        if (this.inserted) {
          const firstLine = this.inserted.get(id!);
          if (firstLine !== undefined) outcome.duplicates.push({ index: i, firstLine });
          if (firstLine !== undefined || repeats(i)) continue;
        }
        if (this.update.run(this.updateParams(values)).changes === 1) {
          outcome.updated++;
          if (this.returnsIds) outcome.changedIds.push(id!);
        } else outcome.unchanged++;
      }
    });
    const mark = this.inserted?.mark() ?? 0;
    try {
      run.immediate();
    } catch (error) {
      // What the rolled-back batch inserted is gone: metric ids and row ids may be reused.
      this.metricIds.clear();
      this.inserted?.rollback(mark);
      throw error;
    }
    return outcome;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
