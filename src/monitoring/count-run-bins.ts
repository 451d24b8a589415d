import { binCount, binOf, numericBin, type TrainingDistribution } from "../model/index.ts";

/** Bin counts of one run, in the bins of the model's training distribution. */
export interface RunBinCounts {
  rows: number;
  /** Per feature, in the order of `distribution.features`. */
  features: Float64Array[];
  score: Float64Array;
}

type FeatureValues = Readonly<Record<string, number | string | null>>;

/**
 * A one-pass counter of a run's feature values and scores into the training bins: scoring adds its
 * customers' features as it has them in memory (a binary search over ≤ 9 edges per numeric feature).
 */
export function createRunBinCounter(distribution: TrainingDistribution) {
  const features = distribution.features.map((f) => new Float64Array(binCount(f)));
  // Numbers inline (the hot path: most features, most rows); categories and text through binOf.
  const numeric = distribution.features.flatMap((f, i) =>
    f.type === "numeric"
      ? [{ name: f.name, edges: f.edges, counts: features[i], missing: f.edges.length + 1, text: binOf(f) }]
      : [],
  );
  const other = distribution.features.flatMap((f, i) =>
    f.type === "numeric" ? [] : [{ name: f.name, bin: binOf(f), counts: features[i] }],
  );
  const scoreBin = binOf(distribution.score);
  const score = new Float64Array(binCount(distribution.score));
  let rows = 0;
  return {
    /** Customers' feature values by name (missing names count as missing). */
    addRows(rowsIn: readonly { values: FeatureValues }[]): void {
      for (let i = 0; i < rowsIn.length; i++) {
        const values = rowsIn[i].values;
        for (let f = 0; f < numeric.length; f++) {
          const n = numeric[f];
          const v = values[n.name];
          if (typeof v === "number") n.counts[Number.isFinite(v) ? numericBin(n.edges, v) : n.missing]++;
          else if (v === null || v === undefined) n.counts[n.missing]++;
          else n.counts[n.text(v)]++;
        }
        for (let f = 0; f < other.length; f++) other[f].counts[other[f].bin(values[other[f].name])]++;
      }
      rows += rowsIn.length;
    },
    addScores(probabilities: ArrayLike<number>): void {
      for (let i = 0; i < probabilities.length; i++) score[scoreBin(probabilities[i])]++;
    },
    counts: (): RunBinCounts => ({ rows, features, score }),
  };
}
