// Public API of the churn model core: tabular loading, preprocessing, training, calibration,
// metrics, explanations and the model store. Other folders import only from here.
export { type ChurnModel, createChurnModel } from "./churn-model.ts";
export { evaluateCsv } from "./evaluate-csv.ts";
export { evaluatePredictions, scorePredictions, type Metrics, type ScoreSet } from "./evaluate-predictions.ts";
export { evaluateTable } from "./evaluate-table.ts";
export type { Contributions } from "./explain-contributions.ts";
export { applyCalibrator, fitCalibrator, fitIsotonic, fitPlatt, type Calibrator } from "./fit-calibrator.ts";
export { fitPreprocessor, type FeatureSpec, type PreprocessingSpec } from "./fit-preprocessor.ts";
export { encodeTable } from "./encode-table.ts";
export { fingerprintTable } from "./fingerprint-table.ts";
export {
  ColumnType,
  DropReason,
  inferColumnTypes,
  type ColumnTyping,
  type FeatureColumn,
} from "./infer-column-types.ts";
export { initTfBackend, TfBackend } from "./init-tf-backend.ts";
export { makeVersion } from "./make-version.ts";
export type { CandidateSummary, ModelMetadata, TrainingWindow } from "./model-metadata.ts";
export { loadModel, saveModel } from "./model-store.ts";
export type { FeatureImportance } from "./permutation-importance.ts";
export { readCsvTable, type CsvTable } from "./read-csv-table.ts";
export { resolveLabels } from "./resolve-label.ts";
export { splitRows, stratifiedFolds, stratifiedSplit, type ValidationSplit } from "./split-rows.ts";
export { averagePrecision } from "./average-precision.ts";
export { calibrationTable, type CalibrationBin } from "./calibration-table.ts";
export { liftTable, topLift } from "./lift.ts";
export { brierScore, logLoss } from "./probability-scores.ts";
export { rocAuc, rocCurve } from "./roc-auc.ts";
export { chooseThreshold, precisionRecallAt } from "./threshold-metrics.ts";
export { defaultCandidates, extraCandidates, type CandidateConfig } from "./train-candidates.ts";
export { trainFromCsv, type TrainFromCsvOptions, type TrainFromCsvResult } from "./train-from-csv.ts";
export { autoBins, trainModel, type TrainModelOptions } from "./train-model.ts";
export { RowRole, type RowRoles } from "./row-roles.ts";
export type { ClassWeight, NetworkConfig } from "./train-network.ts";
export {
  asTable,
  ModelKind,
  tableFromRows,
  type RawRow,
  type RawValue,
  type Table,
  type TrainProgress,
} from "./types.ts";
export {
  binCount,
  binLabels,
  binOf,
  numericBin,
  DISTRIBUTION_BINS,
  fitColumnDistribution,
  type ColumnDistribution,
} from "./feature-distribution.ts";
export {
  fitTrainingDistribution,
  readTrainingDistribution,
  TRAINING_DISTRIBUTION_FILE,
  type TrainingDistribution,
} from "./training-distribution.ts";
export * from "./registry/index.ts";
