export { createRunBinCounter, type RunBinCounts } from "./count-run-bins.ts";
export {
  loadModelHealth,
  type ModelHealth,
  type RunDriftSummary,
  type RunHealth,
  type VersionHealth,
} from "./load-model-health.ts";
export {
  measureRunOutcome,
  NO_GROUP,
  type OutcomeRows,
  type OutcomeScores,
  type RunOutcome,
} from "./measure-run-outcome.ts";
export { PSI_EPSILON, populationStabilityIndex } from "./population-stability-index.ts";
export { refreshRunOutcomes, type RefreshOutcome } from "./refresh-run-outcomes.ts";
export { computeRunDrift, type ColumnDrift, type RunDrift } from "./run-drift.ts";
export { readRunDrift, writeRunDrift } from "./run-drift-format.ts";
export { DEFAULT_DRIFT_PSI, DEFAULT_HORIZON_DAYS } from "./run-horizons.ts";
export { readRunOutcome, writeRunOutcome, type SavedRunOutcome } from "./run-outcome-format.ts";
export { saveRunDriftOf } from "./save-run-drift.ts";
