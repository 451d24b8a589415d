import type * as tf from "@tensorflow/tfjs";
import { forestLogits, type Forest } from "./boosted-trees.ts";
import { predictLogits } from "./build-network.ts";
import type { NeighbourVote } from "./neighbour-vote.ts";
import type { Matrix } from "./types.ts";

/** What a model scores with: networks, a neighbour vote and boosted forests, blended in logit space. */
export interface BlendedScorer {
  networks: readonly tf.LayersModel[];
  vote?: NeighbourVote;
  /** Share of the vote's logit in the blend. */
  voteWeight: number;
  forests?: readonly Forest[];
  /** Share of the forests' mean logit in the blend; the networks get what the vote and forests leave. */
  forestWeight?: number;
}

/** Blended logits: (1 − voteWeight − forestWeight) × mean network logit + voteWeight × vote logit + forestWeight × mean forest logit. */
export function scoreLogits(
  { networks, vote, voteWeight, forests = [], forestWeight = 0 }: BlendedScorer,
  x: Matrix,
): Float32Array {
  const out = new Float32Array(x.rows);
  const add = (logits: Float32Array, weight: number) => {
    for (let i = 0; i < out.length; i++) out[i] += weight * logits[i];
  };
  const networkWeight = 1 - voteWeight - forestWeight;
  if (networks.length > 0 && networkWeight > 1e-9) add(predictLogits(networks, x), networkWeight);
  if (vote && voteWeight > 0) add(vote.logits(x), voteWeight);
  if (forestWeight > 0) for (const forest of forests) add(forestLogits(forest, x), forestWeight / forests.length);
  return out;
}
