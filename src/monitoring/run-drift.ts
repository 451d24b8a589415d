import { binLabels, type ColumnDistribution, type TrainingDistribution } from "../model/index.ts";
import type { RunBinCounts } from "./count-run-bins.ts";
import { populationStabilityIndex } from "./population-stability-index.ts";

/** One column of a run against training: its bins' shares side by side, PSI and missing shares. */
export interface ColumnDrift {
  name: string;
  type: "numeric" | "categorical";
  /** Bin names ("≤ 3", "3 – 10", a category, "missing"); the last bin is always the missing cells. */
  labels: string[];
  training: number[];
  run: number[];
  psi: number;
  missingShare: number;
  trainingMissingShare: number;
}

/** A run's drift against its model's training window (what run_drift keeps). */
export interface RunDrift {
  modelVersion: string;
  /** The training window the bins come from (ISO dates) and its rows. */
  trainingFrom: string;
  trainingTo: string;
  trainingRows: number;
  rows: number;
  features: ColumnDrift[];
  score: ColumnDrift;
}

function columnDrift(column: ColumnDistribution, counts: Float64Array, rows: number): ColumnDrift {
  const run = Array.from(counts, (n) => (rows ? n / rows : 0));
  return {
    name: column.name,
    type: column.type,
    labels: binLabels(column),
    training: column.shares,
    run,
    psi: populationStabilityIndex(column.shares, run),
    missingShare: run.at(-1)!,
    trainingMissingShare: column.shares.at(-1)!,
  };
}

/** PSI and missing share of every feature and of the score, from a run's bin counts. */
export function computeRunDrift(options: {
  modelVersion: string;
  distribution: TrainingDistribution;
  counts: RunBinCounts;
}): RunDrift {
  const { distribution: d, counts } = options;
  return {
    modelVersion: options.modelVersion,
    trainingFrom: d.from,
    trainingTo: d.to,
    trainingRows: d.rows,
    rows: counts.rows,
    features: d.features.map((f, i) => columnDrift(f, counts.features[i], counts.rows)),
    score: columnDrift(d.score, counts.score, counts.rows),
  };
}
