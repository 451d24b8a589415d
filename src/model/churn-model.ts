import type * as tf from "@tensorflow/tfjs";
import type { Forest } from "./boosted-trees.ts";
import { encodeTable } from "./encode-table.ts";
import { explainRows, type RowExplanation } from "./explain-rows.ts";
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
  /** Probability and top risk drivers per row (default top 3). */
  explain(rows: readonly RawRow[] | Table, options?: { topK?: number }): RowExplanation[];
  /** Calibrated probabilities for an already encoded matrix. */
  predictEncoded(x: Matrix): Float64Array;
  /** Frees the networks' and the vote's tensors. The model is unusable afterwards. */
  dispose(): void;
}

/**
 * Wraps networks, the vote (weighted by `metadata.neighbours.weight`), the forests (by
 * `metadata.trees.weight`), preprocessing and metadata (with its calibrator) into a ChurnModel.
 */
export function createChurnModel({ networks, vote, forests, preprocessing, metadata }: { networks: readonly tf.LayersModel[]; vote?: NeighbourVote; forests?: readonly Forest[]; preprocessing: PreprocessingSpec; metadata: ModelMetadata }): ChurnModel {
  const scorer = { networks, vote, voteWeight: metadata.neighbours?.weight ?? 0, forests, forestWeight: metadata.trees?.weight ?? 0 };
  const predictEncoded = (x: Matrix) => applyCalibrator(metadata.calibration, scoreLogits(scorer, x));
  return {
    metadata,
    preprocessing,
    networks,
    vote,
    forests,
    predictEncoded,
    predict: (rows) => predictEncoded(encodeTable(preprocessing, asTable(rows))),
    explain: (rows, { topK = 3 } = {}) => explainRows({ spec: preprocessing, table: asTable(rows), score: predictEncoded, topK }),
    dispose: () => {
      networks.forEach((n) => n.dispose());
      vote?.dispose();
    },
  };
}
