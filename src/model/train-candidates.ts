import { moduleLogger } from "../logger.ts";
import type { TreeParams } from "./boosted-trees.ts";
import { blendLogits } from "./blend-logits.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { gatherRows } from "./gather-rows.ts";
import type { CandidateSummary } from "./model-metadata.ts";
import { trainNetworkCandidate, trainVoteCandidate } from "./optional-candidates.ts";
import { rocAuc } from "./roc-auc.ts";
import type { BlendedScorer } from "./score-logits.ts";
import { searchTrees } from "./search-trees.ts";
import type { ClassWeight, NetworkConfig } from "./train-network.ts";
import { ModelKind, type Matrix, type ProgressCallback } from "./types.ts";

const log = moduleLogger("model");

/** A network family: `members` networks with different seeds, averaged in logit space. */
export interface NetworkCandidate extends NetworkConfig {
  name: string;
  kind: typeof ModelKind.Lr | typeof ModelKind.Mlp;
  members?: number;
  /** Skip this candidate when there are more training rows than this. */
  maxRows?: number;
}

/** The neighbour vote (see neighbour-vote.ts); the bandwidth with the best validation AUC is kept. */
export interface NeighbourCandidate {
  name: string;
  kind: typeof ModelKind.Knn;
  bandwidths: readonly number[];
  /** Also try per-feature match weights (fitVoteWeights), kept when validation AUC says so. */
  learnWeights?: boolean;
  maxRows?: number;
}

/** Gradient-boosted trees (see boosted-trees.ts) over a small validated grid (search-trees.ts). */
export interface TreesCandidate {
  name: string;
  kind: typeof ModelKind.Trees;
  grid?: readonly Partial<TreeParams>[];
  maxRows?: number;
}

export type CandidateConfig = NetworkCandidate | NeighbourCandidate | TreesCandidate;

/** Core learners: they always run and the best of them is the model unless another pays. */
const CORE = new Set<string>([ModelKind.Lr, ModelKind.Trees]);
/**
 * AUC by which any other candidate (networks, the vote, blends) must beat the best core learner on
 * validation to be chosen: a model that is slower to train, score and explain must pay for it.
 */
export const EXTRA_MARGIN = 0.003;
/**
 * Share of the budget the choice may take before later tree settings and optional candidates
 * are skipped: the rest is for calibration, importance and the refit on every labelled row.
 */
const CHOICE_SHARE = 0.35;

/**
 * The default candidates: logistic regression (TF.js, large batches, early-stopped) and the boosted
 * trees at the core; on small tables (where it is cheap) the neighbour vote, which recalls
 * near-duplicate customers and must beat the core by EXTRA_MARGIN.
 */
export const defaultCandidates: readonly CandidateConfig[] = [
  {
    name: "lr",
    kind: ModelKind.Lr,
    hidden: [],
    l2: 1e-4,
    learningRate: 0.05,
    batchSize: 4096,
    maxEpochs: 30,
    patience: 4,
    epochRows: 16_384,
  },
  { name: "gbdt", kind: ModelKind.Trees },
  { name: "knn", kind: ModelKind.Knn, bandwidths: [1, 2], learnWeights: true, maxRows: 20_000 },
];

/** Opt-in candidates (`--candidates all`): an MLP and the vote with learned match weights; slower, rarely better. */
export const extraCandidates: readonly CandidateConfig[] = [
  {
    name: "mlp",
    kind: ModelKind.Mlp,
    hidden: [128, 64],
    dropout: 0.1,
    l2: 1e-3,
    learningRate: 1e-3,
    batchSize: 256,
    maxEpochs: 100,
    patience: 10,
    maxRows: 100_000,
  },
  { name: "knn-weighted", kind: ModelKind.Knn, bandwidths: [1, 2], learnWeights: true, maxRows: 20_000 },
];

export interface TrainCandidatesOptions {
  candidates: readonly CandidateConfig[];
  spec: PreprocessingSpec;
  /** Encoded rows and labels of all data; `train` and `validation` index into them. */
  x: Matrix;
  y: Float32Array;
  train: Int32Array;
  validation: Int32Array;
  classWeight: ClassWeight;
  seed: number;
  /** Encoded column → direction (+1 / −1) the trees must respect. */
  monotone?: ReadonlyMap<number, number>;
  /** Seconds the whole training may take; optional candidates and later grid settings are skipped past CHOICE_SHARE of it. */
  budgetSeconds?: number;
  onProgress?: ProgressCallback;
}

/** A trained candidate: its scorer, validation logits and what it cost. */
export interface Trained extends BlendedScorer {
  name: string;
  kind: ModelKind;
  config?: NetworkConfig;
  /** Tree settings of the search's winner. */
  params?: Partial<TreeParams>;
  valLogits: Float64Array;
  /** Best epoch of each network, or trees in the forest. */
  epochs: number[];
  seconds: number;
  /** A blend's two candidates (refit one by one). */
  parts?: Trained[];
}

/** The chosen candidate and a summary of every candidate tried (the leaderboard). */
export interface CandidateSelection {
  winner: Trained;
  /** Every trained candidate, winner included (the caller refits the winner and disposes the rest). */
  trained: Trained[];
  summaries: CandidateSummary[];
}

function summarize(t: Trained, valY: Float32Array): CandidateSummary {
  return {
    name: t.name,
    kind: t.kind,
    members: t.networks.length,
    valAuc: rocAuc(valY, t.valLogits),
    epochs: t.epochs,
    seconds: t.seconds,
    ...(t.params ? { params: t.params } : {}),
  };
}

/** Frees the candidates' tensors (each once: a blend shares its parts'), except those kept. */
export function disposeCandidates(trained: readonly Trained[], keep: ReadonlySet<unknown> = new Set()): void {
  const done = new Set<unknown>(keep);
  for (const t of trained) {
    for (const n of t.networks) {
      if (done.has(n)) continue;
      done.add(n);
      n.dispose();
    }
    if (t.vote && !done.has(t.vote)) {
      done.add(t.vote);
      t.vote.dispose();
    }
  }
}

/**
 * Trains the core learners, then (within the budget) the optional ones and the blend of the best
 * two, and chooses by validation ROC-AUC: the best core learner, unless another beats it by EXTRA_MARGIN.
 */
export async function trainCandidates(options: TrainCandidatesOptions): Promise<CandidateSelection> {
  const {
    candidates,
    spec,
    x,
    y,
    train,
    validation,
    monotone,
    budgetSeconds = Number.POSITIVE_INFINITY,
    onProgress,
  } = options;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const valX = gatherRows(x, validation);
  const valY = Float32Array.from(validation, (i) => y[i]);
  const trained: Trained[] = [];
  const skipped: CandidateSummary[] = [];
  const ordered = [...candidates].sort((a, b) => Number(CORE.has(b.kind)) - Number(CORE.has(a.kind)));
  try {
    for (const [c, candidate] of ordered.entries()) {
      const core = CORE.has(candidate.kind);
      const tooBig = (candidate.maxRows ?? Number.POSITIVE_INFINITY) < train.length;
      if (tooBig || (!core && elapsed() > budgetSeconds * CHOICE_SHARE)) {
        skipped.push({
          name: candidate.name,
          kind: candidate.kind,
          members: 0,
          valAuc: Number.NaN,
          epochs: [],
          seconds: 0,
          skipped: tooBig ? `more than ${candidate.maxRows} training rows` : "time budget spent",
        });
        continue;
      }
      const t0 = performance.now();
      let result: Omit<Trained, "seconds">;
      if (candidate.kind === ModelKind.Trees) {
        const search = searchTrees({
          spec,
          x,
          y,
          train,
          validation: { x: valX, y: valY },
          grid: candidate.grid,
          monotone,
          deadlineSeconds: budgetSeconds * CHOICE_SHARE - elapsed(),
          onProgress,
        });
        result = {
          name: candidate.name,
          kind: ModelKind.Trees,
          networks: [],
          voteWeight: 0,
          forests: [search.forest],
          forestWeight: 1,
          params: search.params,
          valLogits: Float64Array.from(search.valLogits),
          epochs: [search.trees],
        };
        log.info({ trials: search.trials }, "tree search");
      } else if (candidate.kind === ModelKind.Knn) {
        const bestAuc = Math.max(...trained.map((t) => rocAuc(valY, t.valLogits)));
        result = trainVoteCandidate({ candidate, spec, x, y, train, valX, valY, seed: options.seed, bestAuc });
      } else
        result = await trainNetworkCandidate({
          candidate,
          index: c,
          x,
          y,
          train,
          valX,
          valY,
          classWeight: options.classWeight,
          seed: options.seed,
          onProgress,
        });
      trained.push({ ...result, seconds: (performance.now() - t0) / 1000 });
    }
  } catch (error) {
    disposeCandidates(trained);
    throw error;
  }
  if (trained.length === 0) throw new Error("expected at least one candidate to train, found none");
  const auc = (t: Trained) => rocAuc(valY, t.valLogits);
  const byAuc = [...trained].sort((a, b) => auc(b) - auc(a));
  const blend = byAuc.length > 1 ? blendLogits(byAuc[0], byAuc[1], valY) : undefined;
  if (blend) trained.push(blend);
  const cores = trained.filter((t) => CORE.has(t.kind));
  const bestCore = cores.length > 0 ? cores.reduce((a, b) => (auc(b) > auc(a) ? b : a)) : undefined;
  let winner = bestCore ?? trained[0];
  for (const t of trained) if (!CORE.has(t.kind) && auc(t) > auc(winner) + (bestCore ? EXTRA_MARGIN : 0)) winner = t;
  const summaries = [...trained.map((t) => summarize(t, valY)), ...skipped];
  for (const s of summaries)
    log.info({ candidate: s.name, valAuc: s.valAuc, seconds: s.seconds, skipped: s.skipped }, "candidate");
  return { winner, trained, summaries };
}
