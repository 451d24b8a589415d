import type * as tf from "@tensorflow/tfjs";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { fitVoteWeights } from "./fit-vote-weights.ts";
import { matchCodes } from "./match-codes.ts";
import { createNeighbourVote, type NeighbourVote } from "./neighbour-vote.ts";
import { rocAuc } from "./roc-auc.ts";
import type { NeighbourCandidate, NetworkCandidate, Trained } from "./train-candidates.ts";
import { trainNetwork, type ClassWeight } from "./train-network.ts";
import { ModelKind, type Matrix, type ProgressCallback } from "./types.ts";

/** Most optimiser steps per epoch: bigger data gets bigger batches (faster on WASM). */
const maxStepsPerEpoch = 150;
/** Rows a network may see in total (epochs × rows), so big data trains in a bounded time. */
const rowBudget = 2_500_000;

/** Adapts a candidate's batch size and epoch cap to the number of training rows. */
export function scaleToData(config: NetworkCandidate, rows: number): NetworkCandidate {
  const minBatch = 2 ** Math.ceil(Math.log2(Math.max(1, rows / maxStepsPerEpoch)));
  const maxEpochs = Math.min(config.maxEpochs ?? 100, Math.max(8, Math.ceil(rowBudget / Math.max(1, rows))));
  const patience = Math.min(config.patience ?? 10, Math.max(2, Math.ceil(maxEpochs / 4)));
  return { ...config, batchSize: Math.max(config.batchSize ?? 256, minBatch), maxEpochs, patience };
}

type Result = Omit<Trained, "seconds">;

/** A network family (logistic regression or MLP): `members` networks early-stopped on the validation rows, averaged. */
export async function trainNetworkCandidate(options: {
  candidate: NetworkCandidate;
  index: number;
  x: Matrix;
  y: Float32Array;
  train: Int32Array;
  valX: Matrix;
  valY: Float32Array;
  classWeight: ClassWeight;
  seed: number;
  onProgress?: ProgressCallback;
}): Promise<Result> {
  const { x, y, train, valX, valY, classWeight, seed, index, onProgress } = options;
  const candidate = scaleToData(options.candidate, train.length);
  const members = candidate.members ?? 1;
  const networks: tf.LayersModel[] = [];
  const valLogits = new Float64Array(valY.length);
  const epochs: number[] = [];
  try {
    for (let m = 0; m < members; m++) {
      const name = candidate.name + (members > 1 ? `#${m}` : "");
      const trained = await trainNetwork({
        ...candidate,
        name,
        train: { x, y, rows: train },
        validation: { x: valX, y: valY },
        classWeight,
        seed: seed + 1000 * index + m,
        onProgress,
      });
      networks.push(trained.model);
      epochs.push(trained.bestEpoch);
      for (let i = 0; i < valY.length; i++) valLogits[i] += trained.valLogits[i] / members;
    }
  } catch (error) {
    for (const n of networks) n.dispose();
    throw error;
  }
  const { name, kind, members: _members, maxRows: _maxRows, ...config } = candidate;
  return { name, kind, config, networks, voteWeight: 0, valLogits, epochs };
}

/** Learning match weights costs seconds; it is tried only when the plain vote is this close (AUC) to the best so far. */
const WEIGHTS_WITHIN = 0.02;

/**
 * The neighbour vote at each bandwidth, then with learned match weights when the plain vote comes
 * within WEIGHTS_WITHIN of `bestAuc` (the core learners'); keeps the best on validation.
 */
export function trainVoteCandidate(options: {
  candidate: NeighbourCandidate;
  spec: PreprocessingSpec;
  x: Matrix;
  y: Float32Array;
  train: Int32Array;
  valX: Matrix;
  valY: Float32Array;
  seed: number;
  bestAuc?: number;
}): Result {
  const { candidate, spec, x, y, train, valX, valY, seed, bestAuc = Number.NEGATIVE_INFINITY } = options;
  const reference = matchCodes(spec, x);
  let best: { auc: number; vote: NeighbourVote; logits: Float32Array } | undefined;
  const consider = (vote: NeighbourVote) => {
    const logits = vote.logits(valX);
    const auc = rocAuc(valY, logits);
    if (!best || auc > best.auc) {
      best?.vote.dispose();
      best = { auc, vote, logits };
    } else vote.dispose();
  };
  for (const bandwidth of candidate.bandwidths)
    consider(createNeighbourVote({ spec, reference, labels: y, bandwidth, rows: train }));
  if (candidate.learnWeights && best!.auc >= bestAuc - WEIGHTS_WITHIN) {
    const bandwidth = best!.vote.bandwidth;
    const weights = fitVoteWeights({ reference, labels: y, rows: train, bandwidth, seed });
    consider(createNeighbourVote({ spec, reference, labels: y, bandwidth, rows: train, weights }));
  }
  return {
    name: candidate.name,
    kind: ModelKind.Knn,
    networks: [],
    vote: best!.vote,
    voteWeight: 1,
    valLogits: Float64Array.from(best!.logits),
    epochs: [],
  };
}
