import type { Database } from "../database.ts";

export interface ModelAlertRecord {
  id: number;
  key: string;
  kind: string;
  modelVersion: string;
  message: string;
  details: string | null;
  createdAt: Date;
  emailedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

/**
 * Raises an alert unless one of the same kind and version is still unacknowledged (then that one
 * stands: one alert per cause, not one per night). `key` is unique, so a repeat of the same cause
 * by another instance inserts nothing. Returns whether a new alert was written.
 */
export async function raiseModelAlert(
  db: Database,
  alert: { key: string; kind: string; modelVersion: string; message: string; details?: string },
): Promise<boolean> {
  const open = await db.sql.all<{ id: number }>(
    "SELECT id FROM model_alerts WHERE kind = ? AND model_version = ? AND acknowledged_at IS NULL",
    [alert.kind, alert.modelVersion],
  );
  if (open.length) return false;
  const inserted = await db.sql.run(
    "INSERT INTO model_alerts (key, kind, model_version, message, details, created_at) VALUES (?, ?, ?, ?, ?, ?) " +
      "ON CONFLICT (key) DO NOTHING",
    [alert.key, alert.kind, alert.modelVersion, alert.message, alert.details ?? null, new Date()],
  );
  return inserted === 1;
}

/** Alerts nobody acknowledged yet, newest first: the model page's banner. */
export async function listOpenModelAlerts(db: Database): Promise<ModelAlertRecord[]> {
  return db.prisma().modelAlert.findMany({ where: { acknowledgedAt: null }, orderBy: { id: "desc" } });
}

/** Alerts whose email has not gone out yet. */
export async function listUnsentModelAlerts(db: Database): Promise<ModelAlertRecord[]> {
  return db.prisma().modelAlert.findMany({ where: { emailedAt: null, acknowledgedAt: null }, orderBy: { id: "asc" } });
}

/** Claims an alert's email (of several instances one wins); false when another took it. */
export async function claimModelAlertEmail(db: Database, id: number): Promise<boolean> {
  return (
    (await db.sql.run("UPDATE model_alerts SET emailed_at = ? WHERE id = ? AND emailed_at IS NULL", [
      new Date(),
      id,
    ])) === 1
  );
}

/** Gives a claimed email back after a failed send, so the next check retries it. */
export async function releaseModelAlertEmail(db: Database, id: number): Promise<void> {
  await db.sql.run("UPDATE model_alerts SET emailed_at = NULL WHERE id = ?", [id]);
}

/** Acknowledges an open alert; false when there is none of this id still open. */
export async function acknowledgeModelAlert(db: Database, id: number, by: string): Promise<boolean> {
  const changed = await db.sql.run(
    "UPDATE model_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL",
    [new Date(), by, id],
  );
  return changed === 1;
}
