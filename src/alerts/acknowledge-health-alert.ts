import type { Database } from "../db/index.ts";
import { acknowledgeModelAlert, listOpenModelAlerts } from "../db/repositories/model-alerts.ts";
import { AppError, ErrorCode } from "../errors.ts";

/** An open alert as the model page's banner shows it. */
export interface OpenHealthAlert {
  id: number;
  kind: string;
  modelVersion: string;
  message: string;
  createdAt: Date;
  emailedAt: Date | null;
}

/** Alerts nobody acknowledged yet, newest first. */
export async function listOpenHealthAlerts(db: Database): Promise<OpenHealthAlert[]> {
  return (await listOpenModelAlerts(db)).map(({ id, kind, modelVersion, message, createdAt, emailedAt }) => ({
    id,
    kind,
    modelVersion,
    message,
    createdAt,
    emailedAt,
  }));
}

/** Acknowledges an open alert on behalf of `by` (an admin); NotFound when there is no open alert of that id. */
export async function acknowledgeHealthAlert(options: { db: Database; id: number; by: string }) {
  if (!(await acknowledgeModelAlert(options.db, options.id, options.by)))
    throw new AppError(ErrorCode.NotFound, `expected an open model alert with id ${options.id}, found none`);
  return { id: options.id, acknowledgedBy: options.by };
}
