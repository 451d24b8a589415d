import type { Dialect } from "../../../config.ts";
import { AppError, ErrorCode } from "../../../errors.ts";
import type { SqlValue } from "../../sql-client.ts";
import { sqlDialect } from "../../sql-dialect.ts";

/**
 * Pieces shared by the KPI queries: the period as timestamp parameters, the grouping
 * columns a breakdown may use, and the one rule that decides whether a customer stayed
 * W days after an interaction.
 */
export const MS_PER_DAY = 86_400_000;

/** A half-open interval of instants [fromMs, toMs), in ms since the epoch (UTC). */
export interface KpiRange {
  fromMs: number;
  toMs: number;
}

/** Columns a KPI query can group by. `none` = one row for everything. */
export const KpiGroup = { None: "none", Plan: "plan", Segment: "segment", Channel: "channel", Agent: "agent" } as const;
export type KpiGroup = (typeof KpiGroup)[keyof typeof KpiGroup];
export type CustomerGroup = typeof KpiGroup.None | typeof KpiGroup.Plan | typeof KpiGroup.Segment;
export type TicketGroup = typeof KpiGroup.None | typeof KpiGroup.Channel | typeof KpiGroup.Agent;

/** Table aliases: c = customers, t = tickets, a = agents (LEFT JOINed when grouping by agent). */
const GROUP_COLUMN: Record<KpiGroup, string> = {
  none: "NULL",
  plan: "c.plan",
  segment: "c.segment",
  channel: "t.channel",
  agent: "a.external_id",
};

/** The SELECT expression of a group, and the GROUP BY keys (with `more` keys appended). */
export function groupSql(group: KpiGroup, ...more: string[]): { column: string; groupBy: string } {
  const keys = group === KpiGroup.None ? more : [GROUP_COLUMN[group], ...more];
  return { column: GROUP_COLUMN[group], groupBy: keys.length ? `GROUP BY ${keys.join(", ")}` : "" };
}

/** What happened to a customer in the W days after an interaction. */
export const Outcome = { Retained: "retained", Churned: "churned", Pending: "pending", None: "none" } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/**
 * A CASE expression classifying customer `c` after an interaction at `at`:
 * churned when churn_date ≤ at + W and churn_date ≤ now (this includes customers who left
 * before the interaction); otherwise retained when at + W ≤ now; otherwise pending
 * (the window has not ended and the customer has not left yet).
 */
export function outcomeSql(options: { dialect: Dialect; at: string; windowDays: number; nowMs: number }): {
  sql: string;
  params: SqlValue[];
} {
  const { dialect, at, windowDays, nowMs } = options;
  const d = sqlDialect(dialect);
  const windowMs = windowDays * MS_PER_DAY;
  return {
    sql: `CASE
      WHEN c.churn_date IS NOT NULL AND c.churn_date <= ? AND ${d.msBetween(at, "c.churn_date")} <= ${windowMs} THEN '${Outcome.Churned}'
      WHEN ${at} <= ? THEN '${Outcome.Retained}'
      ELSE '${Outcome.Pending}' END`,
    params: [d.timestamp(nowMs), d.timestamp(nowMs - windowMs)],
  };
}

/**
 * SQLite plan hints; PostgreSQL plans from statistics and gets the plain forms.
 * drivingJoin: CROSS JOIN fixes SQLite's join order (the left table drives).
 * unindexed(expr): unary + keeps SQLite from walking an index on expr only to skip a sort,
 * which fetches every row by rowid when the query reads the whole table anyway.
 */
export function planHints(dialect: Dialect): { drivingJoin: string; unindexed: (expr: string) => string } {
  return dialect === "sqlite"
    ? { drivingJoin: "CROSS JOIN", unindexed: (expr) => `+${expr}` }
    : { drivingJoin: "JOIN", unindexed: (expr) => expr };
}

/** Row shape of the queries that count customers by outcome. */
export interface OutcomeCountRow {
  grp: string | null;
  outcome: Outcome;
  customers: number;
}

/** Rejects a window that is not a whole number of days ≥ 1 (it is inlined into SQL). */
export function checkWindowDays(windowDays: number): number {
  if (!Number.isInteger(windowDays) || windowDays < 1)
    throw new AppError(ErrorCode.BadInput, `expected a window of a whole number of days ≥ 1, found ${windowDays}`);
  return windowDays;
}

/** Digits of `1000000000000 + id` in the SQLite key of firstTicketSql: fixed width for ticket ids below 9e12. */
const ID_KEY_DIGITS = 13;

/**
 * SQL of each group's first ticket by the timestamp expression `at`, ties by ticket id (alias t):
 * the `columns` (output name → expression) and `at` as `atAs`, one row per `group`.
 * SQLite: one GROUP BY whose bare columns come from the row of its MIN (SQLite's documented
 * rule for a lone min()): the key `at || (1e12 + id)` sorts as (at, id) and is unique, so that
 * row is the first; a window function costs about four times as much there. Its GROUP BY key is
 * unindexed so the range index in `where` drives, not a walk of the customer index.
 * PostgreSQL: DISTINCT ON.
 */
export function firstTicketSql(
  dialect: Dialect,
  o: { columns: Record<string, string>; at: string; atAs: string; from: string; where: string; group: string },
): string {
  const names = Object.keys(o.columns);
  const select = names.map((name) => `${o.columns[name]} AS ${name}`).join(", ");
  if (dialect !== "sqlite") {
    return `SELECT DISTINCT ON (${o.group}) ${select}, ${o.at} AS ${o.atAs}
       FROM ${o.from} WHERE ${o.where} ORDER BY ${o.group}, ${o.at}, t.id`;
  }
  return `SELECT ${names.join(", ")}, substr(first_key, 1, length(first_key) - ${ID_KEY_DIGITS}) AS ${o.atAs}
     FROM (SELECT ${select}, MIN(${o.at} || (1000000000000 + t.id)) AS first_key
       FROM ${o.from} WHERE ${o.where} GROUP BY +${o.group})`;
}

/** The values of a numberList aggregate (see SqlDialect.numberList), in no order. */
export function parseNumberList(text: string | null): Float64Array {
  if (!text) return new Float64Array(0);
  const parts = text.split(",");
  const values = new Float64Array(parts.length);
  for (let i = 0; i < parts.length; i++) values[i] = Number(parts[i]);
  return values;
}
