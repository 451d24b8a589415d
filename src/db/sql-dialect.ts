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
  /** Milliseconds since 1970-01-01 UTC of timestamp expression `at`, as a number (NULL stays NULL). */
  epochMs(at: string): string;
  /** `table` read by a full scan: for reads of most rows, where an index costs a random lookup per row. */
  fullScan(table: string): string;
  /** An aggregate: the group's non-null integer values of `expr` as one comma-separated text (no order), null when none. */
  numberList(expr: string): string;
}

const sqlite: SqlDialect = {
  hoursBetween: (from, to) => `((julianday(${to}) - julianday(${from})) * 24.0)`,
  msBetween: (from, to) => `CAST(ROUND((julianday(${to}) - julianday(${from})) * 86400000.0) AS INTEGER)`,
  timestamp: (ms) => toSqliteTimestamp(ms),
  // julianday parses the stored text in C: far cheaper than Date.parse per value in JS
  epochMs: (at) => `CAST(ROUND((julianday(${at}) - 2440587.5) * 86400000.0) AS INTEGER)`,
  fullScan: (table) => `${table} NOT INDEXED`,
  numberList: (expr) => `group_concat(${expr})`,
};

const postgres: SqlDialect = {
  hoursBetween: (from, to) => `(EXTRACT(EPOCH FROM (${to} - ${from})) / 3600.0)`,
  msBetween: (from, to) => `ROUND(EXTRACT(EPOCH FROM (${to} - ${from})) * 1000)`,
  timestamp: (ms) => new Date(ms),
  epochMs: (at) => `CAST(ROUND(EXTRACT(EPOCH FROM ${at}) * 1000) AS DOUBLE PRECISION)`,
  fullScan: (table) => table, // the planner chooses by its statistics
  numberList: (expr) => `string_agg(CAST(CAST(${expr} AS BIGINT) AS TEXT), ',')`,
};

export function sqlDialect(dialect: Dialect): SqlDialect {
  return dialect === "sqlite" ? sqlite : postgres;
}
