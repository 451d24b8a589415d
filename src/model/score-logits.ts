import type * as tf from "@tensorflow/tfjs";
import { predictLogits } from "./build-network.ts";
import type { NeighbourVote } from "./neighbour-vote.ts";
import type { Matrix } from "./types.ts";

/** What a model scores with: networks averaged in logit space, optionally blended with a neighbour vote. */
export interface BlendedScorer {
  networks: readonly tf.LayersModel[];
  vote?: NeighbourVote;
  /** Share of the vote's logit in the blend (1 without networks, 0 without a vote). */
  voteWeight: number;
}

/** Blended logits: (1 − voteWeight) × mean network logit + voteWeight × vote logit. */
export function scoreLogits({ networks, vote, voteWeight }: BlendedScorer, x: Matrix): Float32Array {
  const fromNetworks = networks.length > 0 ? predictLogits(networks, x) : null;
  const fromVote = vote && voteWeight > 0 ? vote.logits(x) : null;
  if (!fromVote) return fromNetworks ?? new Float32Array(x.rows);
  if (!fromNetworks) return fromVote;
  return fromNetworks.map((v, i) => (1 - voteWeight) * v + voteWeight * fromVote[i]);
}
