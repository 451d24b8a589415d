export { loadActiveModel } from "./load-active-model.ts";
export { promoteModel, rollbackModel, type PromotionResult } from "./promote-model.ts";
export { DEFAULT_TRAIN_BUDGET, trainFromDatabase, type TrainingReport } from "./train-from-database.ts";
export { planSnapshots, type SnapshotPlan } from "./plan-snapshots.ts";
export { evaluateAsOf } from "./evaluate-as-of.ts";
