import type { Dialect } from "../config.ts";
import { toSqliteTimestamp } from "./timestamps.ts";

/** The few SQL pieces that differ between SQLite and PostgreSQL, in one place. */
export interface SqlDialect {
  /** Hours from timestamp expression `from` to `to`. */
  hoursBetween(from: string, to: string): string;
  /** Whole milliseconds from timestamp expression `from` to `to` (exact, for boundary comparisons). */
  msBetween(from: string, to: string): string;
  /** A timestamp parameter value for an instant in ms. */
  timestamp(ms: number): string | Date;
}

const sqlite: SqlDialect = {
  hoursBetween: (from, to) => `((julianday(${to}) - julianday(${from})) * 24.0)`,
  msBetween: (from, to) => `CAST(ROUND((julianday(${to}) - julianday(${from})) * 86400000.0) AS INTEGER)`,
  timestamp: (ms) => toSqliteTimestamp(ms),
};

const postgres: SqlDialect = {
  hoursBetween: (from, to) => `(EXTRACT(EPOCH FROM (${to} - ${from})) / 3600.0)`,
  msBetween: (from, to) => `ROUND(EXTRACT(EPOCH FROM (${to} - ${from})) * 1000)`,
  timestamp: (ms) => new Date(ms),
};

export function sqlDialect(dialect: Dialect): SqlDialect {
  return dialect === "sqlite" ? sqlite : postgres;
}
