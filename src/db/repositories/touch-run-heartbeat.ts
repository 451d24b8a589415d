import type { Database } from "../database.ts";

/**
 * Tells other processes a run's owner is alive (heartbeat_at = now); false once the run has left
 * `status` (finished, or marked abandoned meanwhile). Import and risk runs share this write.
 */
export async function touchRunHeartbeat(
  db: Database,
  run: { table: "import_runs" | "risk_runs"; id: number; status: string },
): Promise<boolean> {
  const sql = `UPDATE ${run.table} SET heartbeat_at = ? WHERE id = ? AND status = ?`;
  return (await db.sql.run(sql, [new Date(), run.id, run.status])) === 1;
}
