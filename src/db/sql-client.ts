import type { Dialect } from "../config.ts";

/** A parameter value accepted by both databases (Dates are stored as UTC timestamps). */
export type SqlValue = string | number | null | Date | boolean | bigint;

/**
 * Raw SQL over either database, written once with `?` placeholders.
 * Only code in src/db/ uses it; everything above talks to repositories.
 */
export interface SqlClient {
  readonly dialect: Dialect;
  all<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /**
   * Calls `onRow` with each row's values in SELECT order, in no particular row order (an
   * ORDER BY may be ignored); resolves to the number of rows. For large reads: no row object
   * is kept, so millions of rows cost no garbage collection (on SQLite 4–5× faster than `all`).
   * The values array may be reused from row to row: copy what you keep. Result columns need
   * distinct names (alias expressions).
   */
  eachRow(sql: string, params: SqlValue[], onRow: (values: unknown[]) => void): Promise<number>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
  /** Runs a script of several statements without parameters. */
  exec(script: string): Promise<void>;
  /** Runs fn in one transaction: all of it commits, or none of it. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` placeholders → `$1, $2, …` for PostgreSQL (skipping quoted strings). */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  let out = "";
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}
