/** What a model-health alert is about. */
export const AlertKind = { RealisedAuc: "realised_auc", Drift: "drift" } as const;
export type AlertKind = (typeof AlertKind)[keyof typeof AlertKind];

/**
 * What the alert check reads of model health (src/monitoring's loadModelHealth gives it): each run's
 * realised AUC once measured and the features whose drift is flagged, and each version's promised test AUC.
 */
export interface HealthSignals {
  runs: { runId: number; asOf: string; modelVersion: string; realisedAuc: number | null; driftFlagged: string[] }[];
  promisedTestAuc: (version: string) => number | null;
}
