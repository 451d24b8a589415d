import type { CandidateConfig } from "./train-candidates.ts";
import { ModelKind } from "./types.ts";

/** Small, quick candidates (seconds on a few thousand rows) for unit tests and smoke runs. */
export const fastCandidates: readonly CandidateConfig[] = [
  { name: "lr", kind: ModelKind.Lr, hidden: [], learningRate: 0.05, maxEpochs: 15, patience: 4 },
  { name: "mlp", kind: ModelKind.Mlp, hidden: [8], dropout: 0.1, learningRate: 0.02, maxEpochs: 10, patience: 4 },
];
