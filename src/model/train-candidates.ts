import type * as tf from "@tensorflow/tfjs";
import { moduleLogger } from "../logger.ts";
import type { CandidateSummary } from "./model-metadata.ts";
import { rocAuc } from "./roc-auc.ts";
import { trainNetwork, type ClassWeight, type NetworkConfig } from "./train-network.ts";
import { ModelKind, type Matrix, type ProgressCallback } from "./types.ts";

const log = moduleLogger("model");

/** One model family to try: `members` networks with different seeds, averaged in logit space. */
export interface CandidateConfig extends NetworkConfig {
  name: string;
  kind: ModelKind;
  members?: number;
}

/** Default candidates: a logistic-regression baseline and an MLP ensemble of three seeds. */
export const defaultCandidates: readonly CandidateConfig[] = [
  { name: "lr", kind: ModelKind.Lr, hidden: [], l2: 1e-4, learningRate: 0.01, maxEpochs: 60, patience: 6 },
  { name: "mlp", kind: ModelKind.Mlp, hidden: [128, 64], dropout: 0.1, l2: 1e-5, learningRate: 1e-3, maxEpochs: 100, patience: 10, members: 3 },
];

export interface TrainCandidatesOptions {
  candidates: readonly CandidateConfig[];
  train: { x: Matrix; y: Float32Array };
  validation: { x: Matrix; y: Float32Array };
  classWeight: ClassWeight;
  seed: number;
  onProgress?: ProgressCallback;
}

/** The winning candidate's networks and validation logits, plus a summary of every candidate. */
export interface CandidateSelection {
  best: CandidateConfig;
  networks: tf.LayersModel[];
  valLogits: Float32Array;
  summaries: CandidateSummary[];
}

/** Trains every candidate and keeps the one with the highest validation ROC-AUC (others are disposed). */
export async function trainCandidates({ candidates, train, validation, classWeight, seed, onProgress }: TrainCandidatesOptions): Promise<CandidateSelection> {
  let selection: CandidateSelection | undefined;
  let bestAuc = Number.NEGATIVE_INFINITY;
  const summaries: CandidateSummary[] = [];
  for (const [c, candidate] of candidates.entries()) {
    const members = candidate.members ?? 1;
    const networks: tf.LayersModel[] = [];
    const valLogits = new Float32Array(validation.x.rows);
    const epochs: number[] = [];
    try {
      for (let m = 0; m < members; m++) {
        const name = members > 1 ? `${candidate.name}#${m}` : candidate.name;
        const trained = await trainNetwork({ ...candidate, name, train, validation, classWeight, seed: seed + 1000 * c + m, onProgress });
        networks.push(trained.model);
        epochs.push(trained.bestEpoch);
        for (let i = 0; i < valLogits.length; i++) valLogits[i] += trained.valLogits[i] / members;
      }
    } catch (error) {
      networks.forEach((n) => n.dispose());
      selection?.networks.forEach((n) => n.dispose());
      throw error;
    }
    const valAuc = rocAuc(validation.y, valLogits);
    summaries.push({ name: candidate.name, kind: candidate.kind, members, valAuc, epochs });
    log.info({ candidate: candidate.name, valAuc, epochs }, "candidate trained");
    if (valAuc > bestAuc) {
      selection?.networks.forEach((n) => n.dispose());
      selection = { best: candidate, networks, valLogits, summaries };
      bestAuc = valAuc;
    } else networks.forEach((n) => n.dispose());
  }
  if (!selection) throw new Error("expected at least one candidate to train, found none");
  return { ...selection, summaries };
}
