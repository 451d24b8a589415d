import { binCount, binOf, type TrainingDistribution } from "../model/index.ts";

/** Bin counts of one run, in the bins of the model's training distribution. */
export interface RunBinCounts {
  rows: number;
  /** Per feature, in the order of `distribution.features`. */
  features: Float64Array[];
  score: Float64Array;
}

/**
 * A one-pass counter of a run's feature values and scores into the training bins: scoring adds each
 * customer's features as it has them in memory (a binary search over ≤ 9 edges per feature).
 */
export function createRunBinCounter(distribution: TrainingDistribution) {
  const bins = distribution.features.map(binOf);
  const names = distribution.features.map((f) => f.name);
  const features = distribution.features.map((f) => new Float64Array(binCount(f)));
  const scoreBin = binOf(distribution.score);
  const score = new Float64Array(binCount(distribution.score));
  let rows = 0;
  return {
    /** One customer's feature values by name (missing names count as missing). */
    addFeatures(values: Readonly<Record<string, number | string | null>>): void {
      for (let f = 0; f < names.length; f++) features[f][bins[f](values[names[f]])]++;
      rows++;
    },
    addScores(probabilities: ArrayLike<number>): void {
      for (let i = 0; i < probabilities.length; i++) score[scoreBin(probabilities[i])]++;
    },
    counts: (): RunBinCounts => ({ rows, features, score }),
  };
}
