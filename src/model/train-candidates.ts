import type * as tf from "@tensorflow/tfjs";
import { moduleLogger } from "../logger.ts";
import { gatherRows } from "./gather-rows.ts";
import type { CandidateSummary } from "./model-metadata.ts";
import { rocAuc } from "./roc-auc.ts";
import type { RowSplit } from "./split-rows.ts";
import { trainNetwork, type ClassWeight, type NetworkConfig } from "./train-network.ts";
import { ModelKind, type Matrix, type ProgressCallback } from "./types.ts";

const log = moduleLogger("model");

/** One model family to try: per fold, `members` networks with different seeds; all averaged in logit space. */
export interface CandidateConfig extends NetworkConfig {
  name: string;
  kind: ModelKind;
  members?: number;
  /** Skip this candidate when a fold has more training rows than this. */
  maxRows?: number;
}

/**
 * Default candidates: a logistic-regression baseline, a regularised MLP, and a wide unregularised
 * MLP that can fit (near-)duplicate customers; validation AUC decides between them.
 */
export const defaultCandidates: readonly CandidateConfig[] = [
  { name: "lr", kind: ModelKind.Lr, hidden: [], l2: 1e-4, learningRate: 0.01, batchSize: 256, maxEpochs: 60, patience: 6 },
  { name: "mlp", kind: ModelKind.Mlp, hidden: [128, 64], dropout: 0.1, l2: 1e-3, learningRate: 1e-3, batchSize: 256, maxEpochs: 100, patience: 10 },
  { name: "mlp-wide", kind: ModelKind.Mlp, hidden: [256, 128], dropout: 0, l2: 0, learningRate: 1e-3, batchSize: 64, maxEpochs: 100, patience: 10, maxRows: 50_000 },
];

/** Most optimiser steps per epoch: bigger data gets bigger batches (faster on WASM). */
const maxStepsPerEpoch = 150;
/** Rows a network may see in total (epochs × rows), so big data trains in a bounded time. */
const rowBudget = 2_500_000;

/** Adapts a candidate's batch size and epoch cap to the number of training rows. */
export function scaleToData(config: CandidateConfig, rows: number): CandidateConfig {
  const minBatch = 2 ** Math.ceil(Math.log2(Math.max(1, rows / maxStepsPerEpoch)));
  const maxEpochs = Math.min(config.maxEpochs ?? 100, Math.max(8, Math.ceil(rowBudget / Math.max(1, rows))));
  const patience = Math.min(config.patience ?? 10, Math.max(2, Math.ceil(maxEpochs / 4)));
  return { ...config, batchSize: Math.max(config.batchSize ?? 256, minBatch), maxEpochs, patience };
}

export interface TrainCandidatesOptions {
  candidates: readonly CandidateConfig[];
  /** Encoded rows and labels of all training data; folds index into them. */
  x: Matrix;
  y: Float32Array;
  folds: readonly RowSplit[];
  classWeight: ClassWeight;
  seed: number;
  onProgress?: ProgressCallback;
}

/** The winning candidate's networks and out-of-fold validation logits, plus a summary of every candidate. */
export interface CandidateSelection {
  best: CandidateConfig;
  networks: tf.LayersModel[];
  /** Validation rows (all folds' holdouts, fold by fold) and their out-of-fold logits. */
  validationRows: Int32Array;
  valLogits: Float64Array;
  /** Networks of the first fold and its holdout rows: an honest pair for permutation importance. */
  probe: { networks: tf.LayersModel[]; rows: Int32Array };
  summaries: CandidateSummary[];
}

async function trainCandidate(c: number, options: TrainCandidatesOptions, validation: Matrix[]): Promise<Omit<CandidateSelection, "summaries" | "validationRows"> & { epochs: number[] }> {
  const { candidates, x, y, folds, classWeight, seed, onProgress } = options;
  const candidate = scaleToData(candidates[c], folds[0].train.length);
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
  return { best: candidate, networks, valLogits, epochs, probe: { networks: networks.slice(0, members), rows: folds[0].holdout } };
}

type Trained = Awaited<ReturnType<typeof trainCandidate>>;

/** The average (in logit space) of several trained candidates, as one more candidate. */
function blendOf(parts: Trained[]): Trained {
  const valLogits = new Float64Array(parts[0].valLogits.length);
  for (const p of parts) for (let i = 0; i < valLogits.length; i++) valLogits[i] += p.valLogits[i] / parts.length;
  return {
    best: { ...parts.at(-1)!.best, name: "blend" },
    networks: parts.flatMap((p) => p.networks),
    valLogits,
    epochs: parts.flatMap((p) => p.epochs),
    probe: { networks: parts.flatMap((p) => p.probe.networks), rows: parts[0].probe.rows },
  };
}

/**
 * Trains every candidate on every fold, adds their blend (when every candidate has the same number
 * of networks, so a plain average over networks weighs candidates equally), and keeps the one with
 * the highest out-of-fold ROC-AUC. The networks of the others are disposed.
 */
export async function trainCandidates(options: TrainCandidatesOptions): Promise<CandidateSelection> {
  const { candidates, x, y, folds } = options;
  const validation = folds.map((f) => gatherRows(x, f.holdout));
  const validationRows = Int32Array.from(folds.flatMap((f) => Array.from(f.holdout)));
  const valY = Float32Array.from(validationRows, (i) => y[i]);
  const trained: Trained[] = [];
  const summaries: CandidateSummary[] = [];
  try {
    for (let c = 0; c < candidates.length; c++) {
      if ((candidates[c].maxRows ?? Number.POSITIVE_INFINITY) < folds[0].train.length) continue;
      const t = await trainCandidate(c, options, validation);
      trained.push(t);
      const valAuc = rocAuc(valY, t.valLogits);
      summaries.push({ name: candidates[c].name, kind: candidates[c].kind, members: t.networks.length, valAuc, epochs: t.epochs });
      log.info({ candidate: candidates[c].name, valAuc, epochs: t.epochs }, "candidate trained");
    }
  } catch (error) {
    trained.forEach((t) => t.networks.forEach((n) => n.dispose()));
    throw error;
  }
  if (trained.length === 0) throw new Error("expected at least one candidate to train, found none");
  const options_ = [...trained];
  if (trained.length > 1 && trained.every((t) => t.networks.length === trained[0].networks.length)) {
    const blend = blendOf(trained);
    const valAuc = rocAuc(valY, blend.valLogits);
    const kind = trained.some((t) => t.best.kind === ModelKind.Mlp) ? ModelKind.Mlp : ModelKind.Lr;
    blend.best = { ...blend.best, kind };
    summaries.push({ name: "blend", kind, members: blend.networks.length, valAuc, epochs: blend.epochs });
    options_.push(blend);
  }
  let winner = 0;
  summaries.forEach((s, i) => (s.valAuc > summaries[winner].valAuc ? (winner = i) : undefined));
  const selection = options_[winner];
  const kept = new Set(selection.networks);
  trained.forEach((t) => t.networks.forEach((n) => !kept.has(n) && n.dispose()));
  return { ...selection, validationRows, summaries };
}
