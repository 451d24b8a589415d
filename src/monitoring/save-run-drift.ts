import type { Database } from "../db/index.ts";
import { saveRunDrift } from "../db/repositories/run-health.ts";
import type { TrainingDistribution } from "../model/index.ts";
import type { RunBinCounts } from "./count-run-bins.ts";
import { computeRunDrift } from "./run-drift.ts";
import { writeRunDrift } from "./run-drift-format.ts";

/** Computes a run's PSI from its bin counts and saves it (run_drift). */
export async function saveRunDriftOf(options: {
  db: Database;
  runId: number;
  modelVersion: string;
  distribution: TrainingDistribution;
  counts: RunBinCounts;
}): Promise<void> {
  const drift = computeRunDrift(options);
  await saveRunDrift(options.db, options.runId, writeRunDrift(drift));
}
