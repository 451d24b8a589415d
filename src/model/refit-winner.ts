import type * as tf from "@tensorflow/tfjs";
import { fitForest, prepareTrees, treeColumns } from "./boosted-trees.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { gatherRows } from "./gather-rows.ts";
import { matchCodes } from "./match-codes.ts";
import { createNeighbourVote } from "./neighbour-vote.ts";
import type { BlendedScorer } from "./score-logits.ts";
import { stratifiedFolds } from "./split-rows.ts";
import type { Trained } from "./train-candidates.ts";
import { trainNetwork, type ClassWeight } from "./train-network.ts";
import { ModelKind, type Matrix } from "./types.ts";

/** More rows support a few more trees than early stopping found on the training rows alone. */
const TREE_GROWTH = 1.1;
/**
 * Up to this many rows the trees are refit as a bag: one forest per stratified fold, each
 * early-stopped on its fold, averaged. On small tables that variance reduction is worth 5 fits.
 */
const BAG_UP_TO = 20_000;
const BAG_FOLDS = 5;

export interface RefitOptions {
  spec: PreprocessingSpec;
  x: Matrix;
  y: Float32Array;
  /** Every labelled row (training, validation and test). */
  rows: Int32Array;
  classWeight: ClassWeight;
  seed: number;
  monotone?: ReadonlyMap<number, number>;
}

/** What a refit changed: its rows, and the trees or epochs it trained for. */
export interface RefitSummary {
  rows: number;
  /** Trees in all forests. */
  trees?: number;
  /** Forests averaged (a bag of fold forests on small tables). */
  bagged?: number;
  epochs?: number[];
}

async function refitPart(part: Trained, options: RefitOptions, summary: RefitSummary): Promise<BlendedScorer> {
  const { spec, x, y, rows, classWeight, seed, monotone } = options;
  if (part.kind === ModelKind.Trees && rows.length <= BAG_UP_TO) {
    const forests = stratifiedFolds({ y: Float32Array.from(rows, (i) => y[i]), folds: BAG_FOLDS, seed }).map(
      (fold, f) => {
        const train = Int32Array.from(fold.train, (k) => rows[k]);
        const holdout = Int32Array.from(fold.holdout, (k) => rows[k]);
        const validation = gatherRows(x, holdout);
        const prepared = prepareTrees({ x, rows: train, columns: treeColumns(spec), validation });
        return fitForest({
          y,
          rows: train,
          prepared,
          validation: { y: Float32Array.from(holdout, (i) => y[i]) },
          params: part.params,
          monotone,
          name: `${part.name} bag ${f}`,
        }).forest;
      },
    );
    summary.trees = forests.reduce((s, f) => s + f.trees.length, 0);
    summary.bagged = forests.length;
    return { networks: [], voteWeight: 0, forests, forestWeight: 1 };
  }
  if (part.kind === ModelKind.Trees) {
    const maxTrees = Math.max(1, Math.round(part.epochs[0] * TREE_GROWTH));
    const prepared = prepareTrees({ x, rows, columns: treeColumns(spec) });
    const { forest } = fitForest({
      y,
      rows,
      prepared,
      params: { ...part.params, maxTrees },
      monotone,
      name: `${part.name} refit`,
    });
    summary.trees = forest.trees.length;
    return { networks: [], voteWeight: 0, forests: [forest], forestWeight: 1 };
  }
  if (part.kind === ModelKind.Knn) {
    const vote = createNeighbourVote({
      spec,
      reference: matchCodes(spec, x),
      labels: y,
      bandwidth: part.vote!.bandwidth,
      rows,
      weights: part.vote!.weights,
    });
    return { networks: [], vote, voteWeight: 1 };
  }
  const networks: tf.LayersModel[] = [];
  try {
    for (const [m, epochs] of part.epochs.entries()) {
      const trained = await trainNetwork({
        ...part.config!,
        name: `${part.name} refit`,
        maxEpochs: Math.max(1, epochs),
        train: { x, y, rows },
        classWeight,
        seed: seed + 7919 * (m + 1),
      });
      networks.push(trained.model);
    }
  } catch (error) {
    for (const n of networks) n.dispose();
    throw error;
  }
  summary.epochs = part.epochs;
  return { networks, voteWeight: 0 };
}

/**
 * The chosen pipeline trained again on every labelled row, at the settings and sizes validation
 * chose (trees found by early stopping × 1.1, networks' best epochs); a blend refits each part and
 * keeps its weights.
 */
export async function refitWinner(
  winner: Trained,
  options: RefitOptions,
): Promise<{ scorer: BlendedScorer; summary: RefitSummary }> {
  const summary: RefitSummary = { rows: options.rows.length };
  const parts = winner.parts ?? [winner];
  const refits: BlendedScorer[] = [];
  try {
    for (const part of parts) refits.push(await refitPart(part, options, summary));
  } catch (error) {
    for (const r of refits) {
      for (const n of r.networks) n.dispose();
      r.vote?.dispose();
    }
    throw error;
  }
  const scorer: BlendedScorer = {
    networks: refits.flatMap((r) => r.networks),
    vote: refits.find((r) => r.vote)?.vote,
    voteWeight: winner.voteWeight,
    forests: refits.flatMap((r) => r.forests ?? []),
    forestWeight: winner.forestWeight ?? 0,
  };
  return { scorer, summary };
}
