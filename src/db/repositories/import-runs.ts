import type { Database } from "../database.ts";
import { abandonedReason } from "../run-owner.ts";
import { touchRunHeartbeat } from "./touch-run-heartbeat.ts";

export const ImportRunStatus = {
  Running: "running",
  Done: "done",
  Refused: "refused",
  Failed: "failed",
  Abandoned: "abandoned",
} as const;
export type ImportRunStatus = (typeof ImportRunStatus)[keyof typeof ImportRunStatus];

/** Records the start of an import by `instance` (host:pid); returns its id. */
export async function startImportRun(db: Database, run: { source: string; instance: string }): Promise<number> {
  const now = new Date();
  const created = await db.prisma().importRun.create({
    data: { ...run, startedAt: now, heartbeatAt: now, status: ImportRunStatus.Running },
  });
  return created.id;
}

/** Tells other processes the import's owner is alive; false once the run is no longer running. */
export async function heartbeatImportRun(db: Database, id: number): Promise<boolean> {
  return touchRunHeartbeat(db, { table: "import_runs", id, status: ImportRunStatus.Running });
}

/** Records how an import ended, with its per-file summary (even over "abandoned": the owner knows best). */
export async function finishImportRun(
  db: Database,
  id: number,
  status: ImportRunStatus,
  summary: unknown,
): Promise<void> {
  await db.prisma().importRun.update({
    where: { id },
    data: { finishedAt: new Date(), status, summary: JSON.stringify(summary) },
  });
}

/**
 * Marks running imports whose owner is gone, or silent for `staleAfterMs`, as abandoned, the
 * reason in the summary's `error`; an import heartbeating meanwhile is left alone. The batches
 * it committed stay (each is whole): importing the file again completes it. Returns them.
 */
export async function abandonImportRuns(
  db: Database,
  options: { staleAfterMs: number; now?: Date },
): Promise<{ id: number; source: string; reason: string }[]> {
  const { staleAfterMs, now = new Date() } = options;
  const rows = await db.sql.all<{
    id: number;
    source: string;
    instance: string | null;
    heartbeat_at: string | Date | null;
    started_at: string | Date;
  }>("SELECT id, source, instance, heartbeat_at, started_at FROM import_runs WHERE status = ?", [
    ImportRunStatus.Running,
  ]);
  const abandoned: { id: number; source: string; reason: string }[] = [];
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
    const summary = JSON.stringify({
      error: `${reason}; the batches it committed are kept, importing the same files again completes it`,
    });
    const changed = await db.sql.run(
      `UPDATE import_runs SET status = ?, finished_at = ?, summary = ? WHERE id = ? AND status = ? AND ${same.sql}`,
      [ImportRunStatus.Abandoned, now, summary, row.id, ImportRunStatus.Running, ...same.params],
    );
    if (changed === 1) abandoned.push({ id: row.id, source: row.source, reason });
  }
  return abandoned;
}

/** The latest imports, newest first. */
export async function listImportRuns(db: Database, take = 20) {
  return db.prisma().importRun.findMany({ orderBy: { id: "desc" }, take });
}
