import type { Metrics } from "./evaluate-predictions.ts";
import type { Calibrator } from "./fit-calibrator.ts";
import type { DropReason, FeatureColumn } from "./infer-column-types.ts";
import type { FeatureImportance } from "./permutation-importance.ts";
import type { TreeParams } from "./boosted-trees.ts";
import type { RefitSummary } from "./refit-winner.ts";
import type { ClassWeight, NetworkConfig } from "./train-network.ts";
import type { ModelKind } from "./types.ts";

/** Optional description of the data window, filled by database training. */
export interface TrainingWindow {
  from?: string;
  to?: string;
  /** As-of dates of each role (temporal validation), and of the refit. */
  trainAsOf?: string[];
  validationAsOf?: string[];
  testAsOf?: string[];
  refitAsOf?: string[];
  /** Share of customers sampled to keep training rows within the time budget (1 = all). */
  customerSample?: number;
  stepDays?: number;
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

/** One candidate tried during model selection (a row of the leaderboard). */
export interface CandidateSummary {
  name: string;
  kind: ModelKind;
  members: number;
  /** Validation ROC-AUC (NaN when skipped). */
  valAuc: number;
  /** ROC-AUC on the untouched test rows, when there are some (reported, never used to choose). */
  testAuc?: number;
  /** Best epoch of each network, or trees kept in the forest. */
  epochs: number[];
  /** Wall-clock seconds to fit (a blend: its parts'). */
  seconds?: number;
  /** The tree settings the search chose. */
  params?: Partial<TreeParams>;
  /** Why it was not trained. */
  skipped?: string;
}

/** Wall-clock seconds of one training stage (features, each candidate, calibration, importance, refit…). */
export interface StageTime {
  stage: string;
  seconds: number;
}

/** Everything saved in metadata.json beside the network weights (the saved format: model-metadata-format.ts). */
export interface ModelMetadata {
  version: string;
  /** ISO timestamp. */
  createdAt: string;
  kind: ModelKind;
  /** Name of the chosen candidate (e.g. "gbdt", "lr+gbdt"). */
  chosen?: string;
  /** Settings of the boosted trees, when they are part of the model. */
  treeParams?: Partial<TreeParams>;
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
  /** Rows of each role; `refit` rows trained the saved model (0: not refit, the training rows did). */
  rows: { train: number; validation: number; test?: number; refit?: number };
  refit?: RefitSummary;
  /** Number of features with a monotone constraint on the trees. */
  monotone?: number;
  budgetSeconds?: number;
  stages?: StageTime[];
  /** Number of cross-fitting folds (1 = a single holdout split); absent in the first models. */
  folds?: number;
  /** Churn rate of the training rows (what the naive baseline predicts); absent in the first models. */
  trainPrevalence?: number;
  candidates: CandidateSummary[];
  importance: FeatureImportance[];
  /** Mean |contribution| to the logit per feature on validation rows (how the explanations weigh features), largest first. */
  contributions?: FeatureImportance[];
  metrics: { validation: Metrics; test?: Metrics };
  trainingWindow?: TrainingWindow;
  /** Wall-clock seconds spent training (all candidates). */
  trainSeconds: number;
}
