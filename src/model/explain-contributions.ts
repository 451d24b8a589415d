import type * as tf from "@tensorflow/tfjs";
import { encodeValue, referenceValue } from "./encode-table.ts";
import { blockWidth, type PreprocessingSpec } from "./fit-preprocessor.ts";
import type { BlendedScorer } from "./score-logits.ts";
import { scoreLogits } from "./score-logits.ts";
import { forestContributions } from "./tree-shap.ts";
import type { Matrix } from "./types.ts";

/** Per-row additive contributions to the model's logit, one per feature (not per encoded column). */
export interface Contributions {
  /** Feature names, in the preprocessing's order. */
  features: string[];
  /** rows × features, row-major, in logit units: > 0 raises this row's risk. */
  values: Float32Array;
}

/** The encoded row of every feature at its reference value (training median or mode). */
function referenceRow(spec: PreprocessingSpec): Float32Array {
  const row = new Float32Array(spec.width);
  for (const [i, f] of spec.features.entries()) encodeValue(f, referenceValue(f), row, spec.offsets[i]);
  return row;
}

/** Sums encoded-column contributions into their features' blocks, scaled by `weight`, into `out`. */
function addByFeature(
  spec: PreprocessingSpec,
  perColumn: Float32Array,
  rows: number,
  weight: number,
  out: Float32Array,
): void {
  const nf = spec.features.length;
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < nf; i++) {
      let s = 0;
      const start = r * spec.width + spec.offsets[i];
      const end = start + blockWidth(spec.features[i]);
      for (let c = start; c < end; c++) s += perColumn[c];
      out[r * nf + i] += weight * s;
    }
  }
}

/** A logistic regression's contributions: coefficient × (value − reference value), per encoded column. */
function linearContributions(network: tf.LayersModel, spec: PreprocessingSpec, x: Matrix): Float32Array {
  const kernel = network.getWeights()[0].dataSync() as Float32Array;
  const reference = referenceRow(spec);
  const out = new Float32Array(x.rows * x.cols);
  for (let r = 0; r < x.rows; r++)
    for (let c = 0; c < x.cols; c++) out[r * x.cols + c] = kernel[c] * (x.data[r * x.cols + c] - reference[c]);
  return out;
}

/**
 * What each feature adds to each row's logit. Exact for the parts where that is cheap: TreeSHAP for
 * the forests (path-dependent, they sum to the forest's logit minus its expected logit),
 * coefficients for a logistic regression. Other parts (an MLP, the vote) are explained by
 * resetting one feature at a time to its reference value and taking the logit's change.
 */
export function explainContributions(options: {
  spec: PreprocessingSpec;
  scorer: BlendedScorer;
  x: Matrix;
  linear: boolean;
}): Contributions {
  const { spec, scorer, x, linear } = options;
  const nf = spec.features.length;
  const values = new Float32Array(x.rows * nf);
  const { networks, vote, voteWeight, forests = [], forestWeight = 0 } = scorer;
  const networkWeight = 1 - voteWeight - forestWeight;
  for (const forest of forests)
    addByFeature(spec, forestContributions(forest, x).contributions, x.rows, forestWeight / forests.length, values);
  if (networks.length > 0 && networkWeight > 1e-9 && linear) {
    for (const n of networks)
      addByFeature(spec, linearContributions(n, spec, x), x.rows, networkWeight / networks.length, values);
  }
  // Forests are explained above: keep their weight (so the networks' share stays right) but not the forests.
  const rest: BlendedScorer = { networks: linear ? [] : networks, vote, voteWeight, forests: [], forestWeight };
  if ((!linear && networks.length > 0 && networkWeight > 1e-9) || (vote && voteWeight > 0))
    addResetContributions(spec, rest, x, values);
  return { features: spec.features.map((f) => f.name), values };
}

/** Logit change when each feature block is reset to its reference value, added to `out`. */
function addResetContributions(spec: PreprocessingSpec, scorer: BlendedScorer, x: Matrix, out: Float32Array): void {
  const nf = spec.features.length;
  const reference = referenceRow(spec);
  const base = scoreLogits(scorer, x);
  const work = new Float32Array(x.data);
  spec.features.forEach((f, i) => {
    const o = spec.offsets[i];
    const w = blockWidth(f);
    for (let r = 0; r < x.rows; r++) work.set(reference.subarray(o, o + w), r * x.cols + o);
    const reset = scoreLogits(scorer, { data: work, rows: x.rows, cols: x.cols });
    for (let r = 0; r < x.rows; r++) {
      out[r * nf + i] += base[r] - reset[r];
      work.set(x.data.subarray(r * x.cols + o, r * x.cols + o + w), r * x.cols + o);
    }
  });
}
