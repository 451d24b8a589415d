import { AppError, ErrorCode } from "../../errors.ts";
import type { Database } from "../database.ts";
import { abandonedReason, INSTANCE_ID } from "../run-owner.ts";
import type { SqlValue } from "../sql-client.ts";
import { touchRunHeartbeat } from "./touch-run-heartbeat.ts";

export const RiskRunStatus = { Building: "building", Complete: "complete", Abandoned: "abandoned" } as const;

export interface RiskScoreRow {
  customerId: number;
  probability: number;
  band: string;
  atRisk: boolean;
  mrr: number;
  /** The drivers as saved (written by writeDrivers, read by readDrivers: src/features). */
  drivers: string;
  previous: number | null;
  change: string;
}

export interface RiskRunRecord {
  id: number;
  asOf: Date;
  modelVersion: string;
  rule: string;
  status: string;
  scored: number;
  atRisk: number;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
}

/** Starts a run that readers cannot see until completeRiskRun, owned by `instance` (host:pid, default this process). */
export async function startRiskRun(
  db: Database,
  run: { asOf: Date; modelVersion: string; rule: string; instance?: string },
): Promise<number> {
  const { instance = INSTANCE_ID, ...fields } = run;
  const now = new Date();
  const created = await db.prisma().riskRun.create({
    data: { ...fields, instance, status: RiskRunStatus.Building, startedAt: now, heartbeatAt: now },
  });
  return created.id;
}

/** Tells other processes the run's owner is alive; false once the run is no longer building. */
export async function heartbeatRiskRun(db: Database, runId: number): Promise<boolean> {
  return touchRunHeartbeat(db, { table: "risk_runs", id: runId, status: RiskRunStatus.Building });
}

const SCORE_COLUMNS = [
  "run_id",
  "customer_id",
  "probability",
  "band",
  "at_risk",
  "mrr",
  "drivers",
  "previous",
  "change",
];
const CHUNK = 500;

/** Inserts a run's scores with multi-row INSERTs (both databases), in one transaction. */
export async function insertRiskScores(db: Database, runId: number, scores: RiskScoreRow[]): Promise<void> {
  const row = `(${SCORE_COLUMNS.map(() => "?").join(", ")})`;
  await db.sql.transaction(async (tx) => {
    for (let i = 0; i < scores.length; i += CHUNK) {
      const chunk = scores.slice(i, i + CHUNK);
      const params: SqlValue[] = [];
      for (const s of chunk)
        params.push(runId, s.customerId, s.probability, s.band, s.atRisk, s.mrr, s.drivers, s.previous, s.change);
      await tx.run(
        `INSERT INTO risk_scores (${SCORE_COLUMNS.join(", ")}) VALUES ${chunk.map(() => row).join(", ")}`,
        params,
      );
    }
  });
}

/**
 * Makes a run the one complete run of its as-of date, atomically: a previous complete run
 * of that date (and its scores) goes in the same transaction, so readers see one or the other.
 * Refuses (Conflict) a run that is no longer building: another process found it abandoned.
 */
export async function completeRiskRun(
  db: Database,
  runId: number,
  counts: { scored: number; atRisk: number; durationMs: number },
): Promise<void> {
  await db.sql.transaction(async (tx) => {
    // Conditional first: it takes the row's lock, so a concurrent abandonment waits or has won.
    const held = await tx.run("UPDATE risk_runs SET finished_at = ? WHERE id = ? AND status = ?", [
      new Date(),
      runId,
      RiskRunStatus.Building,
    ]);
    const [run] = await tx.all<{ as_of: string | Date; status: string }>(
      "SELECT as_of, status FROM risk_runs WHERE id = ?",
      [runId],
    );
    if (held !== 1) {
      throw new AppError(
        ErrorCode.Conflict,
        `risk run ${runId}: expected a building run to complete, found ` +
          `${run ? `status "${run.status}" (marked by another process)` : "no such run"}`,
      );
    }
    const asOf = run.as_of instanceof Date ? run.as_of : new Date(run.as_of);
    const old = await tx.all<{ id: number }>("SELECT id FROM risk_runs WHERE as_of = ? AND status = ? AND id <> ?", [
      asOf,
      RiskRunStatus.Complete,
      runId,
    ]);
    for (const { id } of old) {
      await tx.run("DELETE FROM risk_scores WHERE run_id = ?", [id]);
      await tx.run("DELETE FROM risk_runs WHERE id = ?", [id]);
    }
    await tx.run(
      "UPDATE risk_runs SET status = ?, scored = ?, at_risk = ?, finished_at = ?, duration_ms = ? WHERE id = ?",
      [RiskRunStatus.Complete, counts.scored, counts.atRisk, new Date(), Math.round(counts.durationMs), runId],
    );
  });
}

/** Removes an unfinished run and whatever scores it wrote. */
export async function discardRiskRun(db: Database, runId: number): Promise<void> {
  await db.sql.transaction(async (tx) => {
    await tx.run("DELETE FROM risk_scores WHERE run_id = ?", [runId]);
    await tx.run("DELETE FROM risk_runs WHERE id = ? AND status = ?", [runId, RiskRunStatus.Building]);
  });
}

/**
 * Marks building runs whose owner is gone, or silent for `staleAfterMs`, as abandoned and
 * removes the scores they wrote, one run per transaction; a run completed meanwhile is left
 * alone. Runs from before heartbeats count from their start. Returns what was abandoned.
 */
export async function abandonRiskRuns(
  db: Database,
  options: { staleAfterMs: number; now?: Date },
): Promise<{ id: number; asOf: Date; removedScores: number; reason: string }[]> {
  const { staleAfterMs, now = new Date() } = options;
  const rows = await db.sql.all<{
    id: number;
    as_of: string | Date;
    instance: string | null;
    heartbeat_at: string | Date | null;
    started_at: string | Date;
  }>("SELECT id, as_of, instance, heartbeat_at, started_at FROM risk_runs WHERE status = ?", [RiskRunStatus.Building]);
  const abandoned: { id: number; asOf: Date; removedScores: number; reason: string }[] = [];
  for (const row of rows) {
    const reason = abandonedReason(
      { instance: row.instance, heartbeatAt: new Date(row.heartbeat_at ?? row.started_at) },
      { now, staleAfterMs },
    );
    if (!reason) continue;
    const same =
      row.heartbeat_at === null
        ? { sql: "heartbeat_at IS NULL", params: [] }
        : { sql: "heartbeat_at = ?", params: [row.heartbeat_at] };
    const removedScores = await db.sql.transaction(async (tx) => {
      const marked = await tx.run(
        `UPDATE risk_runs SET status = ?, finished_at = ? WHERE id = ? AND status = ? AND ${same.sql}`,
        [RiskRunStatus.Abandoned, now, row.id, RiskRunStatus.Building, ...same.params],
      );
      return marked === 1 ? tx.run("DELETE FROM risk_scores WHERE run_id = ?", [row.id]) : null;
    });
    if (removedScores !== null) abandoned.push({ id: row.id, asOf: new Date(row.as_of), removedScores, reason });
  }
  return abandoned;
}

/** The latest complete run strictly before an as-of date. */
export async function findPreviousRiskRun(db: Database, asOf: Date): Promise<RiskRunRecord | null> {
  return db
    .prisma()
    .riskRun.findFirst({ where: { status: RiskRunStatus.Complete, asOf: { lt: asOf } }, orderBy: { asOf: "desc" } });
}

export async function findRiskRun(db: Database, where: { asOf?: Date; id?: number }): Promise<RiskRunRecord | null> {
  return db.prisma().riskRun.findFirst({ where: { status: RiskRunStatus.Complete, ...where } });
}

export async function latestRiskRun(db: Database): Promise<RiskRunRecord | null> {
  return db.prisma().riskRun.findFirst({ where: { status: RiskRunStatus.Complete }, orderBy: { asOf: "desc" } });
}

export async function listRiskRuns(db: Database, take = 30): Promise<RiskRunRecord[]> {
  return db.prisma().riskRun.findMany({ where: { status: RiskRunStatus.Complete }, orderBy: { asOf: "desc" }, take });
}

/** Probability and at-risk flag per customer in one run. */
export async function loadRunScores(
  db: Database,
  runId: number,
): Promise<Map<number, { probability: number; atRisk: boolean }>> {
  const rows = await db.sql.all<{ customer_id: number; probability: number; at_risk: number | boolean }>(
    "SELECT customer_id, probability, at_risk FROM risk_scores WHERE run_id = ?",
    [runId],
  );
  return new Map(rows.map((r) => [r.customer_id, { probability: r.probability, atRisk: Boolean(r.at_risk) }]));
}
