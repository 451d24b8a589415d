import { fitForest, prepareTrees, treeColumns, type Forest, type TreeParams } from "./boosted-trees.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { rocAuc } from "./roc-auc.ts";
import type { Matrix, ProgressCallback } from "./types.ts";

/** One setting tried by the search, with its validation figures and fit time. */
export interface TreeTrial {
  params: Partial<TreeParams>;
  valAuc: number;
  valLogLoss: number;
  trees: number;
  seconds: number;
}

/**
 * The settings tried, in order (a small validated grid around HistGradientBoosting's defaults:
 * learning rate, leaves, minimum leaf size, L2). The first is the default; the search stops
 * early when the time budget is spent.
 */
export const defaultTreeGrid: readonly Partial<TreeParams>[] = [
  { learningRate: 0.1, maxLeaves: 31, minLeafRows: 20, l2: 0 },
  { learningRate: 0.1, maxLeaves: 15, minLeafRows: 50, l2: 1 },
  { learningRate: 0.05, maxLeaves: 63, minLeafRows: 10, l2: 0 },
  { learningRate: 0.1, maxLeaves: 7, minLeafRows: 100, l2: 10 },
  { learningRate: 0.05, maxLeaves: 31, minLeafRows: 5, l2: 1 },
  { learningRate: 0.1, maxLeaves: 63, minLeafRows: 2, l2: 0 },
];

/**
 * AUC by which a setting must beat the best so far to replace it: the settings are close, and on
 * a small validation set most differences are noise, so the default (first) stands unless beaten.
 */
const GRID_MARGIN = 0.002;
/** Training rows above which each tree is grown from a half sample. */
const SUBSAMPLE_ABOVE = 20_000;
/** Most training rows the search fits each setting on (a stratified, seeded sample above it). */
const SEARCH_ROWS = 30_000;

/** At most `max` of the training rows, every class kept in proportion (a regular stride per class: deterministic). */
function sampleTrainRows(train: Int32Array, y: Float32Array, max: number): Int32Array {
  if (train.length <= max) return train;
  const keep = max / train.length;
  const taken = [0, 0];
  const seen = [0, 0];
  return train.filter((r) => {
    const c = y[r] === 1 ? 1 : 0;
    seen[c]++;
    if (taken[c] < Math.floor(seen[c] * keep)) {
      taken[c]++;
      return true;
    }
    return false;
  });
}

export interface SearchTreesOptions {
  spec: PreprocessingSpec;
  x: Matrix;
  y: Float32Array;
  train: Int32Array;
  validation: { x: Matrix; y: Float32Array };
  grid?: readonly Partial<TreeParams>[];
  /** Encoded column → direction for monotone constraints. */
  monotone?: ReadonlyMap<number, number>;
  /** Try no setting expected to end after this many seconds (the first always runs). */
  deadlineSeconds?: number;
  onProgress?: ProgressCallback;
}

export interface TreeSearch {
  forest: Forest;
  params: Partial<TreeParams>;
  trees: number;
  valLogits: Float32Array;
  trials: TreeTrial[];
}

/** Fits each grid setting early-stopped on the validation rows (bins shared by all) and keeps the best validation AUC (by GRID_MARGIN). */
export function searchTrees(options: SearchTreesOptions): TreeSearch {
  const {
    spec,
    x,
    y,
    train,
    validation,
    grid = defaultTreeGrid,
    monotone,
    deadlineSeconds = Number.POSITIVE_INFINITY,
    onProgress,
  } = options;
  const started = performance.now();
  // The search compares settings on a sample of the training rows; the refit then trains on all.
  const searchRows = sampleTrainRows(train, y, SEARCH_ROWS);
  const prepared = prepareTrees({ x, rows: searchRows, columns: treeColumns(spec), validation: validation.x });
  const trials: TreeTrial[] = [];
  let best: TreeSearch | undefined;
  // Big tables grow each tree from half the rows: twice as fast, and no worse (stochastic boosting).
  const subsample = searchRows.length > SUBSAMPLE_ABOVE ? 0.5 : 1;
  for (const [k, setting] of grid.entries()) {
    // The next setting costs about what the last one did: skip it when it would end past the deadline.
    if (k > 0 && (performance.now() - started) / 1000 + trials[k - 1].seconds > deadlineSeconds) break;
    const params = { subsample, ...setting };
    const t0 = performance.now();
    const fit = fitForest({
      y,
      rows: searchRows,
      prepared,
      validation,
      params,
      monotone,
      name: `gbdt#${k}`,
      onProgress,
    });
    const trial = {
      params,
      valAuc: rocAuc(validation.y, fit.valLogits),
      valLogLoss: fit.loss,
      trees: fit.trees,
      seconds: (performance.now() - t0) / 1000,
    };
    trials.push(trial);
    if (!best || trial.valAuc > rocAuc(validation.y, best.valLogits) + GRID_MARGIN)
      best = { forest: fit.forest, params, trees: fit.trees, valLogits: fit.valLogits, trials };
  }
  return best!;
}
