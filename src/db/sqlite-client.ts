import Database from "better-sqlite3";
import type { SqlClient, SqlValue } from "./sql-client.ts";
import { toSqliteTimestamp } from "./timestamps.ts";

type Db = Database.Database;

/** Opens the SQLite file with the settings Retain relies on (WAL, FKs, waits on locks). */
export function openSqliteFile(path: string): Db {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 15000");
  db.pragma("cache_size = -65536");
  return db;
}

export function toSqliteValue(v: SqlValue): unknown {
  if (v instanceof Date) return toSqliteTimestamp(v.getTime());
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

// eachRow's functions, one per row width: declared arity, so better-sqlite3 passes the values
// as plain arguments (no array per row); they land in one reused array.
const MAX_SINK_WIDTH = 12;
const sinksOf = new WeakMap<Db, Set<number>>();
let sink: ((values: unknown[]) => void) | null = null;

function rowSink(db: Db, width: number): string {
  const name = width <= MAX_SINK_WIDTH ? `retain_row_sink_${width}` : "retain_row_sink";
  let registered = sinksOf.get(db);
  if (!registered) {
    registered = new Set();
    sinksOf.set(db, registered);
  }
  if (registered.has(width)) return name;
  if (width > MAX_SINK_WIDTH) {
    db.function(name, { varargs: true, deterministic: false }, (...values: unknown[]) => {
      sink!(values);
      return 1;
    });
  } else {
    const row = new Array<unknown>(width).fill(null);
    const take = (
      a: unknown,
      b: unknown,
      c: unknown,
      d: unknown,
      e: unknown,
      f: unknown,
      g: unknown,
      h: unknown,
      i: unknown,
      j: unknown,
      k: unknown,
      l: unknown,
    ) => {
      row[0] = a;
      if (width > 1) row[1] = b;
      if (width > 2) row[2] = c;
      if (width > 3) row[3] = d;
      if (width > 4) row[4] = e;
      if (width > 5) row[5] = f;
      if (width > 6) row[6] = g;
      if (width > 7) row[7] = h;
      if (width > 8) row[8] = i;
      if (width > 9) row[9] = j;
      if (width > 10) row[10] = k;
      if (width > 11) row[11] = l;
      sink!(row);
      return 1;
    };
    Object.defineProperty(take, "length", { value: width }); // better-sqlite3 reads the arity from it
    db.function(name, { deterministic: false }, take);
  }
  registered.add(width);
  return name;
}

/**
 * SqlClient over better-sqlite3. Statements are synchronous; a transaction holds a
 * lock so other async callers in this process wait instead of slipping into it.
 */
export class SqliteClient implements SqlClient {
  readonly dialect = "sqlite" as const;
  private lock: Promise<void> = Promise.resolve();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Db,
    private readonly inTransaction = false,
  ) {}

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private async waitForLock(): Promise<void> {
    if (!this.inTransaction) await this.lock;
  }

  async all<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    await this.waitForLock();
    return this.prepare(sql).all(...params.map(toSqliteValue)) as T[];
  }

  /**
   * SQLite calls a function from C for every row (`SELECT count(sink(…)) FROM (sql)`), so no
   * row object is built or kept. Synchronous: one module-level sink serves every connection.
   */
  async eachRow(sql: string, params: SqlValue[], onRow: (values: unknown[]) => void): Promise<number> {
    await this.waitForLock();
    const columns = this.prepare(sql)
      .columns()
      .map((c) => `"${c.name.replace(/"/g, '""')}"`);
    const statement = this.prepare(
      `SELECT count(${rowSink(this.db, columns.length)}(${columns.join(", ")})) FROM (${sql})`,
    ).pluck();
    sink = onRow;
    try {
      return Number(statement.get(...params.map(toSqliteValue)));
    } finally {
      sink = null;
    }
  }

  async run(sql: string, params: SqlValue[] = []): Promise<number> {
    await this.waitForLock();
    return this.prepare(sql).run(...params.map(toSqliteValue)).changes;
  }

  async exec(script: string): Promise<void> {
    await this.waitForLock();
    this.db.exec(script);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    const previous = this.lock;
    let release!: () => void;
    this.lock = new Promise((r) => (release = r));
    await previous;
    try {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(new SqliteClient(this.db, true));
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      }
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    if (!this.inTransaction && this.db.open) this.db.close();
  }
}
