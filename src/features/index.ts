export { buildFeatureFrame, flattenFeatureRow, type FeatureFrame, type FeatureRow, type FeatureValue } from "./build-feature-frame.ts";
export { CATEGORICAL_FEATURES, featureColumns, ID_COLUMNS, LABEL_COLUMN } from "./feature-columns.ts";
