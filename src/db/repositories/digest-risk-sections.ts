import type { SqlClient } from "../sql-client.ts";
import { groupRanked, NOT_CHURNED, NOT_SNOOZED, ownerUserJoin, type OwnerSection } from "./digest-owners.ts";
import { asDate } from "./outreach-row-values.ts";

/** The runs a digest compares and the recipients' roles: `previousRunId` null means no earlier run. */
export interface DigestRunQuery {
  runId: number;
  previousRunId: number | null;
  /** Snoozes and churn are read at this instant. */
  now: Date;
  roles: readonly string[];
}

/** One customer of a recipient's book in the latest run. */
export interface DigestScoreRow {
  /** The owner's user id. */
  userId: number;
  customerId: number;
  externalId: string;
  name: string | null;
  mrr: number;
  probability: number;
}

const SCORED_FROM =
  "risk_scores s JOIN customers c ON c.id = s.customer_id LEFT JOIN customer_state cs ON cs.customer_id = s.customer_id";
const SCORE_COLUMNS = "u.id AS user_id, c.id AS customer_id, c.external_id, c.name, s.mrr, s.probability";

function toScoreRow(r: Record<string, unknown>): DigestScoreRow {
  return {
    userId: Number(r.user_id),
    customerId: Number(r.customer_id),
    externalId: String(r.external_id),
    name: (r.name as string | null) ?? null,
    mrr: Number(r.mrr),
    probability: Number(r.probability),
  };
}

/**
 * Each recipient's customers newly at risk: at risk in the run, not in the previous one (all at-risk ones when
 * there is none), not snoozed or churned, as the at-risk list's newly_at_risk view. Riskiest first, `limit` per owner.
 */
export async function listNewlyAtRiskByOwner(
  sql: SqlClient,
  q: DigestRunQuery & { limit: number },
): Promise<Map<number, OwnerSection<DigestScoreRow & { drivers: string }>>> {
  const owner = ownerUserJoin(q.roles);
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT ${SCORE_COLUMNS}, s.drivers,
         ROW_NUMBER() OVER (PARTITION BY u.id ORDER BY s.probability DESC, c.id) AS position,
         COUNT(*) OVER (PARTITION BY u.id) AS total
       FROM ${SCORED_FROM} ${owner.sql}
       LEFT JOIN risk_scores p ON p.run_id = ? AND p.customer_id = s.customer_id
       WHERE s.run_id = ? AND s.at_risk = ? AND ${NOT_CHURNED} AND ${NOT_SNOOZED} AND (p.at_risk IS NULL OR p.at_risk = ?)
     ) r WHERE r.position <= ? ORDER BY r.user_id, r.position`,
    [...owner.params, q.previousRunId, q.runId, true, q.now, q.now, false, q.limit],
  );
  return groupRanked(rows, (r) => ({ ...toScoreRow(r), drivers: String(r.drivers) }));
}

/**
 * Each recipient's biggest risers: the customers whose probability rose by at least `minRise` since the previous
 * run (at risk or not; snoozed and churned ones left out), the largest rise first, `limit` per owner.
 */
export async function listRisersByOwner(
  sql: SqlClient,
  q: DigestRunQuery & { previousRunId: number; minRise: number; limit: number },
): Promise<Map<number, OwnerSection<DigestScoreRow & { previous: number }>>> {
  const owner = ownerUserJoin(q.roles);
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT ${SCORE_COLUMNS}, p.probability AS previous,
         ROW_NUMBER() OVER (PARTITION BY u.id ORDER BY s.probability - p.probability DESC, c.id) AS position,
         COUNT(*) OVER (PARTITION BY u.id) AS total
       FROM ${SCORED_FROM} ${owner.sql}
       JOIN risk_scores p ON p.run_id = ? AND p.customer_id = s.customer_id
       WHERE s.run_id = ? AND s.probability - p.probability >= ? AND ${NOT_CHURNED} AND ${NOT_SNOOZED}
     ) r WHERE r.position <= ? ORDER BY r.user_id, r.position`,
    // A hair under minRise: 0.35 - 0.30 is 0.0499… in floating point and is a rise of 5 points.
    [...owner.params, q.previousRunId, q.runId, q.minRise - 1e-9, q.now, q.now, q.limit],
  );
  return groupRanked(rows, (r) => ({ ...toScoreRow(r), previous: Number(r.previous) }));
}

/**
 * Every recipient's at-risk customers (not snoozed or churned) with what their next renewal is computed from (the
 * signup date and the plan's cycle: src/features' rule, applied by the caller). Riskiest first within each owner.
 */
export async function listAtRiskRenewalKeysByOwner(
  sql: SqlClient,
  q: Omit<DigestRunQuery, "previousRunId">,
): Promise<(DigestScoreRow & { signupDate: Date; plan: string | null })[]> {
  const owner = ownerUserJoin(q.roles);
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT ${SCORE_COLUMNS}, c.signup_date, c.plan FROM ${SCORED_FROM} ${owner.sql}
     WHERE s.run_id = ? AND s.at_risk = ? AND ${NOT_CHURNED} AND ${NOT_SNOOZED}
     ORDER BY u.id, s.probability DESC, c.id`,
    [...owner.params, q.runId, true, q.now, q.now],
  );
  return rows.map((r) => ({
    ...toScoreRow(r),
    signupDate: asDate(r.signup_date),
    plan: (r.plan as string | null) ?? null,
  }));
}
