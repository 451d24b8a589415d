import { describeDrivers } from "../features/index.ts";
import type { Driver, FeatureValue } from "../features/index.ts";
import type { ChurnModel } from "../model/index.ts";

/**
 * Probabilities and top-3 reasons of a chunk of feature rows: exact per-feature contributions
 * from the model, grouped and put in words by describeDrivers (only groups that raise this
 * customer's risk, in words that agree with it).
 */
export function explainChunk(options: {
  model: ChurnModel;
  rows: Record<string, FeatureValue>[];
  metrics: readonly string[];
  horizonDays: number;
}): { probabilities: Float64Array; drivers: Driver[][] } {
  const { model, rows, metrics, horizonDays } = options;
  const e = model.explain(rows);
  const nf = e.features.length;
  const drivers = rows.map((row, r) => {
    const contributions = new Map<string, number>();
    for (let f = 0; f < nf; f++) contributions.set(e.features[f], e.values[r * nf + f]);
    const { reasons } = describeDrivers({ contributions, row, metrics, horizonDays });
    const without = model.calibrate(reasons.map((d) => e.logits[r] - d.contribution));
    return reasons.map(
      (d, k): Driver => ({
        feature: d.group,
        text: d.text,
        value: null,
        delta: Number((e.probabilities[r] - without[k]).toPrecision(3)),
      }),
    );
  });
  return { probabilities: e.probabilities, drivers };
}
