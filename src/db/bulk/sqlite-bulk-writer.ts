import { randomBytes } from "node:crypto";
import type Sqlite from "better-sqlite3";
import type { ImportRow } from "../import-rows.ts";
import { openSqliteFile } from "../sqlite-client.ts";
import { toSqliteTimestamp } from "../timestamps.ts";
import { emptyOutcome, type BatchOutcome, type BulkWriter } from "./bulk-writer.ts";
import type { Cell, TableSpec } from "./table-specs.ts";

/**
 * SQLite upserts on a connection of its own (so its transactions never mix with other
 * callers'), with prepared statements: insert-if-absent, else update-if-different, which
 * tells new, updated and unchanged rows apart at ~3 µs a row.
 */
export class SqliteBulkWriter implements BulkWriter {
  private readonly db: Sqlite.Database;
  private readonly seenTable = `seen_${randomBytes(4).toString("hex")}`;
  private readonly insert: Sqlite.Statement;
  private readonly update: Sqlite.Statement;
  private readonly returnsIds: boolean;
  private readonly selectId: Sqlite.Statement | null;
  private readonly markSeen: Sqlite.Statement;
  private readonly firstSeen: Sqlite.Statement;
  private readonly metricIds = new Map<string, number>();
  private readonly timestampAt: number[];

  constructor(path: string, private readonly spec: TableSpec) {
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
    this.selectId = this.returnsIds ? this.db.prepare(`SELECT id FROM ${spec.table} WHERE ${where}`).pluck() : null;
    this.markSeen = this.db.prepare(`INSERT INTO temp.${this.seenTable} (k, line) VALUES (?, ?) ON CONFLICT DO NOTHING`);
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
    return this.writeRows(rows.length, (i, into) => this.spec.values(rows[i]).forEach((v, c) => (into[c] = v)), lines);
  }

  /**
   * Upserts `count` rows, each copied by `fill` into one reused array in the order of the
   * spec's values() (from packed columns in the writer thread: no array per row to collect).
   */
  writeRows(count: number, fill: (i: number, into: Cell[]) => void, lines: ArrayLike<number>): BatchOutcome {
    const outcome = emptyOutcome();
    const { metricAt } = this.spec;
    const values: Cell[] = new Array(this.spec.keys.length + this.spec.columns.length);
    const run = this.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        fill(i, values);
        if (metricAt !== undefined) values[metricAt] = this.metricId(values[metricAt] as string);
        const key = this.spec.seenKey(values);
        if (this.markSeen.run(key, lines[i]).changes === 0) {
          outcome.duplicates.push({ index: i, firstLine: this.firstSeen.get(key) as number });
          continue;
        }
        for (const t of this.timestampAt) if (values[t] !== null) values[t] = toSqliteTimestamp(values[t] as number);
        const inserted = this.insert.run(values);
        if (inserted.changes === 1) {
          outcome.inserted++;
          if (this.returnsIds) outcome.changedIds.push(Number(inserted.lastInsertRowid));
        } else if (this.update.run(this.updateParams(values)).changes === 1) {
          outcome.updated++;
          if (this.selectId) outcome.changedIds.push(this.selectId.get(values.slice(0, this.spec.keys.length)) as number);
        } else outcome.unchanged++;
      }
    });
    try {
      run.immediate();
    } catch (error) {
      this.metricIds.clear(); // ids inserted by the rolled-back batch are gone
      throw error;
    }
    return outcome;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
