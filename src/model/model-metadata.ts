import type { Metrics } from "./evaluate-predictions.ts";
import type { Calibrator } from "./fit-calibrator.ts";
import type { DropReason, FeatureColumn } from "./infer-column-types.ts";
import type { FeatureImportance } from "./permutation-importance.ts";
import type { ClassWeight, NetworkConfig } from "./train-network.ts";
import type { ModelKind } from "./types.ts";

/** Optional description of the data window, filled by database training. */
export interface TrainingWindow {
  from?: string;
  to?: string;
  /** As-of dates held out for temporal validation. */
  validationAsOf?: string[];
  horizonDays?: number;
}

/** How the neighbour vote is used: its bandwidth, its share of the blended logit, its reference rows. */
export interface NeighbourMetadata {
  bandwidth: number;
  /** Learned per-feature match weights (in feature order); absent when every match counts 1. */
  featureWeights?: number[];
  weight: number;
  rows: number;
}

/** How the boosted forests (trees.json) are used: their share of the blended logit and their sizes. */
export interface TreesMetadata {
  weight: number;
  /** Trees in each forest (one forest per fold, averaged). */
  trees: number[];
}

/** One candidate tried during model selection. */
export interface CandidateSummary {
  name: string;
  kind: ModelKind;
  members: number;
  valAuc: number;
  /** Best epoch of each network, or trees kept in each forest. */
  epochs: number[];
}

/** Everything saved in metadata.json beside the network weights. */
export interface ModelMetadata {
  formatVersion: 1;
  version: string;
  /** ISO timestamp. */
  createdAt: string;
  kind: ModelKind;
  /** Number of networks averaged (in logit space); 0 for a neighbour vote alone. */
  members: number;
  /** Hyper-parameters of the networks, when there are networks. */
  config?: NetworkConfig;
  /** The neighbour vote saved with the model (neighbours/), when it is part of it. */
  neighbours?: NeighbourMetadata;
  /** The boosted forests saved with the model (trees.json), when they are part of it. */
  trees?: TreesMetadata;
  label: { column: string; positive: string };
  idColumn?: string;
  features: FeatureColumn[];
  droppedColumns: { name: string; reason: DropReason }[];
  encodedWidth: number;
  /** sha256 of the training data (file bytes for CSVs, canonical rows otherwise). */
  dataFingerprint: string;
  seed: number;
  backend: string;
  classWeight: ClassWeight;
  calibration: Calibrator;
  /** At-risk threshold on calibrated probability, and how it was chosen. */
  threshold: { value: number; rule: string };
  rows: { train: number; validation: number; test?: number };
  /** Number of cross-fitting folds (1 = a single holdout split). */
  folds: number;
  /** Churn rate of the training rows (what the naive baseline predicts). */
  trainPrevalence: number;
  candidates: CandidateSummary[];
  importance: FeatureImportance[];
  metrics: { validation: Metrics; test?: Metrics };
  trainingWindow?: TrainingWindow;
  /** Wall-clock seconds spent training (all candidates). */
  trainSeconds: number;
}
