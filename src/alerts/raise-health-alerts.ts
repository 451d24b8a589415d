import type { Database } from "../db/index.ts";
import { raiseModelAlert } from "../db/repositories/model-alerts.ts";
import { AlertKind, type HealthSignals } from "./alert-kinds.ts";

/**
 * Raises an alert for a run whose realised AUC fell below its model's test AUC by more than
 * `aucTolerance`, and for a run with drift flagged; at most one open alert per kind and version.
 * Returns how many new alerts were written.
 */
export async function raiseHealthAlerts(options: {
  db: Database;
  signals: HealthSignals;
  aucTolerance: number;
}): Promise<number> {
  const { db, signals, aucTolerance } = options;
  let raised = 0;
  for (const run of signals.runs) {
    const promised = signals.promisedTestAuc(run.modelVersion);
    if (run.realisedAuc !== null && promised !== null && run.realisedAuc < promised - aucTolerance) {
      const message =
        `Risk run of ${run.asOf} (model ${run.modelVersion}): realised AUC ${run.realisedAuc.toFixed(3)}, expected at ` +
        `least ${(promised - aucTolerance).toFixed(3)} (test AUC ${promised.toFixed(3)} − tolerance ${aucTolerance})`;
      const key = `${AlertKind.RealisedAuc}:${run.runId}`;
      if (await raiseModelAlert(db, { key, kind: AlertKind.RealisedAuc, modelVersion: run.modelVersion, message }))
        raised++;
    }
    if (run.driftFlagged.length) {
      const shown = run.driftFlagged.slice(0, 5).join(", ");
      const more = run.driftFlagged.length > 5 ? ` and ${run.driftFlagged.length - 5} more` : "";
      const message = `Risk run of ${run.asOf} (model ${run.modelVersion}): drift flagged for ${shown}${more}`;
      const key = `${AlertKind.Drift}:${run.runId}`;
      if (await raiseModelAlert(db, { key, kind: AlertKind.Drift, modelVersion: run.modelVersion, message })) raised++;
    }
  }
  return raised;
}
