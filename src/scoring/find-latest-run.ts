import { latestRiskRun, type Database } from "../db/index.ts";

/** The latest complete risk run (its id, as-of time and model version), or null before the first. */
export async function findLatestRun(db: Database): Promise<{ id: number; asOf: Date; modelVersion: string } | null> {
  const run = await latestRiskRun(db);
  return run && { id: run.id, asOf: run.asOf, modelVersion: run.modelVersion };
}
