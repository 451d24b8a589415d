import type * as tf from "@tensorflow/tfjs";
import type { Forest } from "./boosted-trees.ts";
import { encodeTable } from "./encode-table.ts";
import { explainContributions, type Contributions } from "./explain-contributions.ts";
import { applyCalibrator } from "./fit-calibrator.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import type { ModelMetadata } from "./model-metadata.ts";
import type { NeighbourVote } from "./neighbour-vote.ts";
import { scoreLogits } from "./score-logits.ts";
import { asTable, type Matrix, type RawRow, type Table } from "./types.ts";

/** A trained churn model held in memory: preprocessing, networks, a neighbour vote and/or boosted forests, calibration. */
export interface ChurnModel {
  readonly metadata: ModelMetadata;
  readonly preprocessing: PreprocessingSpec;
  readonly networks: readonly tf.LayersModel[];
  readonly vote?: NeighbourVote;
  readonly forests?: readonly Forest[];
  /** Calibrated churn probabilities, one per row. */
  predict(rows: readonly RawRow[] | Table): Float64Array;
  /** Calibrated probabilities, raw logits and every feature's contribution to each row's logit. */
  explain(rows: readonly RawRow[] | Table): { probabilities: Float64Array; logits: Float32Array } & Contributions;
  /** Calibrated probability of a raw logit. */
  calibrate(logits: ArrayLike<number>): Float64Array;
  /** Calibrated probabilities for an already encoded matrix. */
  predictEncoded(x: Matrix): Float64Array;
  /** Frees the networks' and the vote's tensors. The model is unusable afterwards. */
  dispose(): void;
}

/**
 * Wraps networks, the vote (weighted by `metadata.neighbours.weight`), the forests (by
 * `metadata.trees.weight`), preprocessing and metadata (with its calibrator) into a ChurnModel.
 */
export function createChurnModel({
  networks,
  vote,
  forests,
  preprocessing,
  metadata,
}: {
  networks: readonly tf.LayersModel[];
  vote?: NeighbourVote;
  forests?: readonly Forest[];
  preprocessing: PreprocessingSpec;
  metadata: ModelMetadata;
}): ChurnModel {
  const scorer = {
    networks,
    vote,
    voteWeight: metadata.neighbours?.weight ?? 0,
    forests,
    forestWeight: metadata.trees?.weight ?? 0,
  };
  const predictEncoded = (x: Matrix) => applyCalibrator(metadata.calibration, scoreLogits(scorer, x));
  return {
    metadata,
    preprocessing,
    networks,
    vote,
    forests,
    predictEncoded,
    predict: (rows) => predictEncoded(encodeTable(preprocessing, asTable(rows))),
    explain: (rows) => {
      const x = encodeTable(preprocessing, asTable(rows));
      const linear = (metadata.config?.hidden.length ?? 1) === 0;
      const logits = scoreLogits(scorer, x);
      return {
        probabilities: applyCalibrator(metadata.calibration, logits),
        logits,
        ...explainContributions({ spec: preprocessing, scorer, x, linear }),
      };
    },
    calibrate: (logits) => applyCalibrator(metadata.calibration, logits),
    dispose: () => {
      for (const n of networks) n.dispose();
      vote?.dispose();
    },
  };
}
