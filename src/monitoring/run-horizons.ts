import type { ModelSummary } from "../model/index.ts";

/** The label horizon of the features (src/features: "churned within 90 days after T") when a model does not say. */
export const DEFAULT_HORIZON_DAYS = 90;

/** Each model version's label horizon in days: what its runs are measured over. */
export function horizonsOf(versions: readonly ModelSummary[]): (modelVersion: string) => number {
  const byVersion = new Map(
    versions.map((v) => [v.version, v.training.source === "database" ? v.training.horizonDays : DEFAULT_HORIZON_DAYS]),
  );
  return (version) => byVersion.get(version) ?? DEFAULT_HORIZON_DAYS;
}

/** PSI above which a feature is flagged as drifted when no threshold is configured (RETAIN_DRIFT_PSI). */
export const DEFAULT_DRIFT_PSI = 0.2;
