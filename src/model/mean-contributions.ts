import { explainContributions } from "./explain-contributions.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { gatherRows } from "./gather-rows.ts";
import type { FeatureImportance } from "./permutation-importance.ts";
import type { BlendedScorer } from "./score-logits.ts";
import type { Matrix } from "./types.ts";

/**
 * Each feature's mean absolute contribution to the logit over (at most `maxRows`, evenly spaced)
 * rows, largest first: the global view of the explanations CSMs see, timed as a training stage.
 */
export function meanContributions(options: {
  spec: PreprocessingSpec;
  scorer: BlendedScorer;
  x: Matrix;
  linear: boolean;
  maxRows: number;
}): FeatureImportance[] {
  const { spec, scorer, linear, maxRows } = options;
  const step = Math.max(1, Math.ceil(options.x.rows / maxRows));
  const x =
    step > 1
      ? gatherRows(
          options.x,
          Int32Array.from({ length: Math.ceil(options.x.rows / step) }, (_, k) => k * step),
        )
      : options.x;
  const { features, values } = explainContributions({ spec, scorer, x, linear });
  const sums = new Float64Array(features.length);
  for (let r = 0; r < x.rows; r++)
    for (let f = 0; f < features.length; f++) sums[f] += Math.abs(values[r * features.length + f]);
  return features
    .map((feature, f) => ({ feature, importance: sums[f] / Math.max(1, x.rows) }))
    .sort((a, b) => b.importance - a.importance);
}
