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

/**
 * SqlClient over better-sqlite3. Statements are synchronous; a transaction holds a
 * lock so other async callers in this process wait instead of slipping into it.
 */
export class SqliteClient implements SqlClient {
  readonly dialect = "sqlite" as const;
  private lock: Promise<void> = Promise.resolve();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Db, private readonly inTransaction = false) {}

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
