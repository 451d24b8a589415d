import type * as tf from "@tensorflow/tfjs";
import { moduleLogger } from "../logger.ts";
import { fitForest, treeColumns, type Forest, type TreeParams } from "./boosted-trees.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { fitVoteWeights } from "./fit-vote-weights.ts";
import { gatherRows } from "./gather-rows.ts";
import { matchCodes } from "./match-codes.ts";
import type { CandidateSummary } from "./model-metadata.ts";
import { createNeighbourVote, type NeighbourVote } from "./neighbour-vote.ts";
import { rocAuc } from "./roc-auc.ts";
import type { BlendedScorer } from "./score-logits.ts";
import type { RowSplit } from "./split-rows.ts";
import { trainNetwork, type ClassWeight, type NetworkConfig } from "./train-network.ts";
import { ModelKind, type Matrix, type ProgressCallback } from "./types.ts";

const log = moduleLogger("model");

/** A network family: per fold, `members` networks with different seeds; all averaged in logit space. */
export interface NetworkCandidate extends NetworkConfig {
  name: string;
  kind: typeof ModelKind.Lr | typeof ModelKind.Mlp;
  members?: number;
  /** Skip this candidate when a fold has more training rows than this. */
  maxRows?: number;
}

/** The neighbour vote (see neighbour-vote.ts); the bandwidth with the best out-of-fold AUC is kept. */
export interface NeighbourCandidate {
  name: string;
  kind: typeof ModelKind.Knn;
  bandwidths: readonly number[];
  /** Also try per-feature match weights learned on each fold (fitVoteWeights), kept when out-of-fold AUC says so. */
  learnWeights?: boolean;
  /** Skip when a fold has more training rows than this: the vote keeps every training row in memory and in the saved model. */
  maxRows?: number;
}

/** Gradient-boosted trees (see boosted-trees.ts), one forest per fold, early-stopped on the fold's holdout. */
export interface TreesCandidate {
  name: string;
  kind: typeof ModelKind.Trees;
  params?: Partial<TreeParams>;
  maxRows?: number;
}

export type CandidateConfig = NetworkCandidate | NeighbourCandidate | TreesCandidate;

/**
 * Default candidates: a logistic-regression baseline, a regularised MLP, a wide unregularised
 * MLP that can fit (near-)duplicate customers, a neighbour vote that recalls them exactly, and
 * boosted trees (scikit-learn HistGradientBoosting's defaults) for thresholds and interactions;
 * validation AUC decides between them and their blends.
 */
export const defaultCandidates: readonly CandidateConfig[] = [
  { name: "lr", kind: ModelKind.Lr, hidden: [], l2: 1e-4, learningRate: 0.01, batchSize: 256, maxEpochs: 60, patience: 6 },
  { name: "mlp", kind: ModelKind.Mlp, hidden: [128, 64], dropout: 0.1, l2: 1e-3, learningRate: 1e-3, batchSize: 256, maxEpochs: 100, patience: 10 },
  { name: "mlp-wide", kind: ModelKind.Mlp, hidden: [256, 128], dropout: 0, l2: 0, learningRate: 1e-3, batchSize: 64, maxEpochs: 100, patience: 10, maxRows: 50_000 },
  { name: "knn", kind: ModelKind.Knn, bandwidths: [1, 2], learnWeights: true, maxRows: 20_000 },
  { name: "gbdt", kind: ModelKind.Trees, maxRows: 200_000 },
];

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

export interface TrainCandidatesOptions {
  candidates: readonly CandidateConfig[];
  /** Encoded rows (with `spec`) and labels of all training data; folds index into them. */
  spec: PreprocessingSpec;
  x: Matrix;
  y: Float32Array;
  folds: readonly RowSplit[];
  classWeight: ClassWeight;
  seed: number;
  onProgress?: ProgressCallback;
}

/** The winning candidate's scorer and out-of-fold validation logits, plus a summary of every candidate. */
export interface CandidateSelection extends BlendedScorer {
  kind: ModelKind;
  /** Hyper-parameters of the networks, when there are networks. */
  config?: NetworkConfig;
  /** Validation rows (all folds' holdouts, fold by fold) and their out-of-fold logits. */
  validationRows: Int32Array;
  valLogits: Float64Array;
  /** Scorer of the first fold and its holdout rows: an honest pair for permutation importance. */
  probe: BlendedScorer & { rows: Int32Array };
  summaries: CandidateSummary[];
}

type Trained = Omit<CandidateSelection, "validationRows" | "summaries"> & { name: string; epochs: number[] };

async function trainNetworks(c: number, candidate_: NetworkCandidate, options: TrainCandidatesOptions, validation: Matrix[]): Promise<Trained> {
  const { x, y, folds, classWeight, seed, onProgress } = options;
  const candidate = scaleToData(candidate_, folds[0].train.length);
  const members = candidate.members ?? 1;
  const networks: tf.LayersModel[] = [];
  const valLogits = new Float64Array(folds.reduce((s, f) => s + f.holdout.length, 0));
  const epochs: number[] = [];
  let at = 0;
  try {
    for (const [f, fold] of folds.entries()) {
      const valY = Float32Array.from(fold.holdout, (i) => y[i]);
      for (let m = 0; m < members; m++) {
        const name = candidate.name + (folds.length > 1 ? `/fold${f}` : "") + (members > 1 ? `#${m}` : "");
        const trained = await trainNetwork({ ...candidate, name, train: { x, y, rows: fold.train }, validation: { x: validation[f], y: valY }, classWeight, seed: seed + 1000 * c + 100 * f + m, onProgress });
        networks.push(trained.model);
        epochs.push(trained.bestEpoch);
        for (let i = 0; i < valY.length; i++) valLogits[at + i] += trained.valLogits[i] / members;
      }
      at += fold.holdout.length;
    }
  } catch (error) {
    networks.forEach((n) => n.dispose());
    throw error;
  }
  const { name, kind, members: _members, maxRows: _maxRows, ...config } = candidate;
  return { name, kind, config, networks, voteWeight: 0, valLogits, epochs, probe: { networks: networks.slice(0, members), voteWeight: 0, rows: folds[0].holdout } };
}

/**
 * Out-of-fold logits of the vote at each bandwidth, then with per-feature weights learned on each
 * fold's training rows; keeps the best, with a vote over all training rows and one over the first fold's.
 */
function trainVote(candidate: NeighbourCandidate, options: TrainCandidatesOptions, validation: Matrix[]): Trained {
  const { spec, x, y, folds, seed } = options;
  const reference = matchCodes(spec, x);
  const vote = (bandwidth: number, rows: Int32Array, weights?: Float32Array) => createNeighbourVote({ spec, reference, labels: y, bandwidth, rows, weights });
  const learn = (bandwidth: number, rows: Int32Array) => fitVoteWeights({ reference, labels: y, rows, bandwidth, seed });
  const valY = Float32Array.from(folds.flatMap((f) => Array.from(f.holdout, (i) => y[i])));
  const outOfFold = (bandwidth: number, weigh: boolean) => {
    const logits = new Float64Array(valY.length);
    const weights: Float32Array[] = [];
    let at = 0;
    for (const [f, fold] of folds.entries()) {
      if (weigh) weights.push(learn(bandwidth, fold.train));
      const v = vote(bandwidth, fold.train, weights[f]);
      logits.set(v.logits(validation[f]), at);
      v.dispose();
      at += validation[f].rows;
    }
    return { auc: rocAuc(valY, logits), bandwidth, logits, firstWeights: weights[0] };
  };
  let best = outOfFold(candidate.bandwidths[0], false);
  for (const bandwidth of candidate.bandwidths.slice(1)) {
    const next = outOfFold(bandwidth, false);
    if (next.auc > best.auc) best = next;
  }
  if (candidate.learnWeights) {
    const weighted = outOfFold(best.bandwidth, true);
    log.info({ candidate: candidate.name, unweighted: best.auc, weighted: weighted.auc }, "neighbour vote weights");
    if (weighted.auc > best.auc) best = weighted;
  }
  const inTraining = new Uint8Array(y.length);
  folds.forEach((f) => f.train.forEach((i) => (inTraining[i] = 1)));
  const trainRows = Int32Array.from({ length: y.length }, (_, i) => i).filter((i) => inTraining[i] === 1);
  const weights = best.firstWeights && learn(best.bandwidth, trainRows);
  log.info({ candidate: candidate.name, bandwidth: best.bandwidth, weighted: !!weights, rows: trainRows.length }, "neighbour vote kept");
  return {
    name: candidate.name, kind: ModelKind.Knn, networks: [], vote: vote(best.bandwidth, trainRows, weights), voteWeight: 1, valLogits: best.logits, epochs: [],
    probe: { networks: [], vote: vote(best.bandwidth, folds[0].train, best.firstWeights), voteWeight: 1, rows: folds[0].holdout },
  };
}

/** The average (in logit space) of several trained network candidates, as one more candidate. */
function blendOf(parts: Trained[]): Trained {
  const valLogits = new Float64Array(parts[0].valLogits.length);
  for (const p of parts) for (let i = 0; i < valLogits.length; i++) valLogits[i] += p.valLogits[i] / parts.length;
  return {
    name: "blend",
    kind: parts.some((t) => t.kind === ModelKind.Mlp) ? ModelKind.Mlp : ModelKind.Lr,
    config: parts.at(-1)!.config,
    networks: parts.flatMap((p) => p.networks),
    voteWeight: 0,
    valLogits,
    epochs: parts.flatMap((p) => p.epochs),
    probe: { networks: parts.flatMap((p) => p.probe.networks), voteWeight: 0, rows: parts[0].probe.rows },
  };
}

/**
 * Forests per fold, each early-stopped on its fold's holdout; the first fold's forest is the probe.
 * Classes are not weighted (scikit-learn's default for trees): calibration follows anyway.
 */
function trainForests(candidate: TreesCandidate, options: TrainCandidatesOptions, validation: Matrix[]): Trained {
  const { spec, x, y, folds, onProgress } = options;
  const columns = treeColumns(spec);
  const forests: Forest[] = [];
  const treeCounts: number[] = [];
  const valLogits = new Float64Array(validation.reduce((s, v) => s + v.rows, 0));
  let at = 0;
  for (const [f, fold] of folds.entries()) {
    const valY = Float32Array.from(fold.holdout, (i) => y[i]);
    const name = candidate.name + (folds.length > 1 ? `/fold${f}` : "");
    const fit = fitForest({ x, y, rows: fold.train, columns, validation: { x: validation[f], y: valY }, classWeight: { negative: 1, positive: 1 }, params: candidate.params, name, onProgress });
    forests.push(fit.forest);
    treeCounts.push(fit.trees);
    valLogits.set(fit.valLogits, at);
    at += valY.length;
  }
  return {
    name: candidate.name, kind: ModelKind.Trees, networks: [], voteWeight: 0, forests, forestWeight: 1, valLogits, epochs: treeCounts,
    probe: { networks: [], voteWeight: 0, forests: forests.slice(0, 1), forestWeight: 1, rows: folds[0].holdout },
  };
}

/** Step of the blend weights tried (0, 0.1, …, 1 for each part). */
const blendSteps = 10;

/**
 * The best networks, the vote and the forests (those present, at least two) blended in logit space
 * at the weights with the best out-of-fold AUC.
 */
function blendParts(nets: Trained | undefined, knn: Trained | undefined, trees: Trained | undefined, valY: Float32Array): Trained | undefined {
  const present = [nets, knn, trees].filter((t): t is Trained => t !== undefined);
  if (present.length < 2) return undefined;
  let best = { auc: Number.NEGATIVE_INFINITY, voteWeight: 0, forestWeight: 0, valLogits: new Float64Array(0) };
  for (let v = 0; v <= (knn ? blendSteps : 0); v++) {
    for (let t = 0; t <= (trees ? blendSteps - v : 0); t++) {
      const n = blendSteps - v - t;
      if ((n > 0 && !nets) || [n, v, t].filter((w) => w > 0).length < 2) continue;
      const valLogits = new Float64Array(valY.length);
      for (let i = 0; i < valLogits.length; i++) valLogits[i] = (n * (nets?.valLogits[i] ?? 0) + v * (knn?.valLogits[i] ?? 0) + t * (trees?.valLogits[i] ?? 0)) / blendSteps;
      const auc = rocAuc(valY, valLogits);
      if (auc > best.auc) best = { auc, voteWeight: v / blendSteps, forestWeight: t / blendSteps, valLogits };
    }
  }
  const { voteWeight, forestWeight, valLogits } = best;
  const networkWeight = 1 - voteWeight - forestWeight;
  const used = { nets: nets && networkWeight > 1e-9 ? nets : undefined, knn: voteWeight > 0 ? knn : undefined, trees: forestWeight > 0 ? trees : undefined };
  const parts = [used.nets, used.knn, used.trees].filter((t): t is Trained => t !== undefined);
  return {
    name: parts.map((t) => t.name).join("+"),
    kind: ModelKind.Blend,
    config: used.nets?.config,
    networks: used.nets?.networks ?? [],
    vote: used.knn?.vote,
    voteWeight,
    forests: used.trees?.forests,
    forestWeight,
    valLogits,
    epochs: parts.flatMap((t) => t.epochs),
    probe: { networks: used.nets?.probe.networks ?? [], vote: used.knn?.probe.vote, voteWeight, forests: used.trees?.probe.forests, forestWeight, rows: parts[0].probe.rows },
  };
}

/**
 * Trains every candidate on every fold, adds the networks' blend (when every network candidate has
 * the same number of networks, so a plain average over networks weighs candidates equally) and the
 * best networks blended with the vote and the forests, and keeps the one with the highest
 * out-of-fold ROC-AUC.
 * Everything else is disposed.
 */
export async function trainCandidates(options: TrainCandidatesOptions): Promise<CandidateSelection> {
  const { candidates, x, y, folds } = options;
  const validation = folds.map((f) => gatherRows(x, f.holdout));
  const validationRows = Int32Array.from(folds.flatMap((f) => Array.from(f.holdout)));
  const valY = Float32Array.from(validationRows, (i) => y[i]);
  const trained: Trained[] = [];
  let knn: Trained | undefined;
  let trees: Trained | undefined;
  const dispose = (t: Trained, keep: Set<unknown>) => {
    t.networks.forEach((n) => !keep.has(n) && n.dispose());
    for (const v of [t.vote, t.probe.vote]) if (v && !keep.has(v)) v.dispose();
  };
  try {
    for (let c = 0; c < candidates.length; c++) {
      const candidate = candidates[c];
      if ((candidate.maxRows ?? Number.POSITIVE_INFINITY) < folds[0].train.length) continue;
      if (candidate.kind === ModelKind.Knn) knn = trainVote(candidate, options, validation);
      else if (candidate.kind === ModelKind.Trees) trees = trainForests(candidate, options, validation);
      else trained.push(await trainNetworks(c, candidate, options, validation));
    }
  } catch (error) {
    [...trained, ...(knn ? [knn] : [])].forEach((t) => dispose(t, new Set()));
    throw error;
  }
  const choices = [...trained];
  if (trained.length > 1 && trained.every((t) => t.networks.length === trained[0].networks.length)) choices.push(blendOf(trained));
  const auc = (t: Trained) => rocAuc(valY, t.valLogits);
  const bestNetworks = choices.length > 0 ? choices.reduce((a, b) => (auc(b) > auc(a) ? b : a)) : undefined;
  const blend = blendParts(bestNetworks, knn, trees, valY);
  for (const extra of [blend, knn, trees]) if (extra) choices.push(extra);
  if (choices.length === 0) throw new Error("expected at least one candidate to train, found none");
  const summaries: CandidateSummary[] = choices.map((t) => ({ name: t.name, kind: t.kind, members: t.networks.length, valAuc: auc(t), epochs: t.epochs }));
  summaries.forEach((s) => log.info({ candidate: s.name, valAuc: s.valAuc, epochs: s.epochs }, "candidate trained"));
  let winner = 0;
  summaries.forEach((s, i) => (s.valAuc > summaries[winner].valAuc ? (winner = i) : undefined));
  const { name: _name, epochs: _epochs, ...selection } = choices[winner];
  const kept = new Set<unknown>([...selection.networks, selection.vote, selection.probe.vote]);
  [...trained, ...(knn ? [knn] : [])].forEach((t) => dispose(t, kept));
  return { ...selection, validationRows, summaries };
}
