export {
  buildFeatureFrame,
  flattenFeatureRow,
  type FeatureFrame,
  type FeatureRow,
  type FeatureValue,
} from "./build-feature-frame.ts";
export { buildFeatureSnapshots, type SnapshotOptions, type SnapshotStage } from "./build-feature-snapshots.ts";
export {
  cellValue,
  snapshotLabel,
  snapshotRecord,
  snapshotSources,
  type SnapshotFrame,
  type SnapshotValue,
} from "./snapshot-frame.ts";
export { describeFeatures, formatFeatureSummaries, type FeatureSummary } from "./describe-features.ts";
export { writeSnapshotsCsv } from "./write-snapshots-csv.ts";
export {
  CATEGORICAL_FEATURES,
  featureCatalogue,
  featureColumns,
  ID_COLUMNS,
  LABEL_COLUMN,
  type FeatureDoc,
} from "./feature-columns.ts";
export { describeDrivers, type DriverText } from "./describe-drivers.ts";
export { featureLabel } from "./feature-labels.ts";
export { readDrivers, writeDrivers, type Driver } from "./saved-drivers.ts";
export { billingCycle, daysToRenewal } from "./renewal.ts";
