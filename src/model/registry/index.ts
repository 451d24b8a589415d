export { loadActiveModel } from "./load-active-model.ts";
export { PROMOTION_DEFAULTS, promoteModel, rollbackModel, type PromotionResult } from "./promote-model.ts";
export { RETRAINING_JOB, runRetraining, type RetrainingOutcome } from "./run-retraining.ts";
export { compareOnTestWindow, type Comparison, type ModelOnRows } from "./compare-on-test-window.ts";
export { judgePromotion, type PromotionVerdict } from "./judge-promotion.ts";
export { DEFAULT_TRAIN_BUDGET, trainFromDatabase, type TrainingReport } from "./train-from-database.ts";
export { planSnapshots, type SnapshotPlan } from "./plan-snapshots.ts";
export { evaluateAsOf, type AsOfEvaluation, type SeenOverlap } from "./evaluate-as-of.ts";
export { readModelVersion, type ModelVersion } from "./read-model-version.ts";
export {
  readRegistryMetrics,
  writeRegistryMetrics,
  type ActiveComparison,
  type RegistryCandidate,
  type RegistryMetrics,
} from "./registry-metrics-format.ts";
export {
  readRegistryTraining,
  writeRegistryTraining,
  type CsvTraining,
  type DatabaseTraining,
  type RegistryTraining,
} from "./registry-training-format.ts";
export {
  findRegisteredModel,
  getModel,
  listModelHistory,
  listModels,
  listRegisteredModels,
  type ModelDetail,
  type ModelScores,
  type ModelSummary,
  type SameRows,
} from "./model-overview.ts";
export { registerCsvModel } from "./register-csv-model.ts";
