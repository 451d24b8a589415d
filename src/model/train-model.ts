import { moduleLogger } from "../logger.ts";
import { createChurnModel, type ChurnModel } from "./churn-model.ts";
import { encodeTable } from "./encode-table.ts";
import { evaluatePredictions } from "./evaluate-predictions.ts";
import { fitCalibrator, applyCalibrator } from "./fit-calibrator.ts";
import { fitPreprocessor } from "./fit-preprocessor.ts";
import { fingerprintTable } from "./fingerprint-table.ts";
import { gatherRows } from "./gather-rows.ts";
import { ColumnType, inferColumnTypes } from "./infer-column-types.ts";
import { initTfBackend } from "./init-tf-backend.ts";
import { makeVersion } from "./make-version.ts";
import type { StageTime, TrainingWindow } from "./model-metadata.ts";
import { monotoneColumns } from "./monotone-columns.ts";
import { meanContributions } from "./mean-contributions.ts";
import { permutationImportance } from "./permutation-importance.ts";
import { refitWinner } from "./refit-winner.ts";
import { resolveLabels } from "./resolve-label.ts";
import { rocAuc } from "./roc-auc.ts";
import { rowRoles, type RowRoles } from "./row-roles.ts";
import { scoreLogits, type BlendedScorer } from "./score-logits.ts";
import type { ValidationSplit } from "./split-rows.ts";
import { chooseThreshold } from "./threshold-metrics.ts";
import {
  defaultCandidates,
  disposeCandidates,
  trainCandidates,
  type CandidateConfig,
  type Trained,
} from "./train-candidates.ts";
import type { ClassWeight } from "./train-network.ts";
import { ModelKind, type ProgressCallback, type Table } from "./types.ts";

const log = moduleLogger("model");

export interface TrainModelOptions {
  table: Table;
  /** Label column; `positive` is its churn value (detected from Yes/1/true when omitted). */
  label: string;
  positive?: string;
  id?: string;
  /** Columns never used as features (e.g. as-of date, group keys). */
  exclude?: string[];
  /** Role of each row (train, validation, test; see RowRole). Default: `split`, else a stratified 20 % validation. */
  roles?: RowRoles;
  /** Validation rows when `roles` is not given (a K-fold split uses its first fold). */
  split?: ValidationSplit;
  seed?: number;
  candidates?: readonly CandidateConfig[];
  /**
   * Seconds training may take; optional candidates and later tree settings are skipped past 35 % of it (the
   * rest: calibration, importance, refit).
   */
  budgetSeconds?: number;
  /** Refit the chosen pipeline on every labelled row (default true). */
  refit?: boolean;
  /** Feature → direction (+1: higher raises risk, −1: lowers it) the trees must respect. */
  directions?: ReadonlyMap<string, number>;
  /** "balanced" (default for the networks) weighs each class by n / (2 · class count). */
  classWeight?: "balanced" | "none" | ClassWeight;
  /** Piecewise-linear bins per numeric column. Default: see autoBins. */
  bins?: number;
  /** sha256 of the training data; computed from the table when omitted. */
  fingerprint?: string;
  backend?: string;
  trainingWindow?: TrainingWindow;
  /** Stage times measured before training (e.g. features), listed first. */
  stages?: StageTime[];
  onProgress?: ProgressCallback;
  /**
   * Receives the chosen pipeline as it was before the refit (trained on the training rows only, so
   * later rows are new to it): what an honest comparison with another model scores. The receiver
   * owns it and must dispose it. Only called when the model is refit.
   */
  onChosenModel?: (chosen: ChurnModel) => void;
}

/**
 * Piecewise-linear bins per numeric column (for the linear model and networks; trees bin on their
 * own): 8 for small data, fewer as rows × columns grow so the encoded width stays bounded
 * (≈ 8M encoded cells, at least 2 bins).
 */
export function autoBins(rows: number, numericColumns: number): number {
  const width = Math.max(256, 8e6 / Math.max(1, rows));
  return Math.max(2, Math.min(8, Math.floor(width / Math.max(1, numericColumns)) - 2));
}

/** Cap on validation rows permutation importance re-scores (a sample is as informative, and cheap). */
const IMPORTANCE_ROWS = 2000;

/**
 * Trains a churn model from an in-memory table (not saved): candidates fitted on the training rows
 * and chosen, calibrated and thresholded on the validation rows; test rows (if any) measured with
 * that pipeline; then the pipeline refit on every labelled row for the model that scores.
 */
export async function trainModel(options: TrainModelOptions): Promise<ChurnModel> {
  const {
    table: input,
    label,
    id,
    exclude,
    seed = 42,
    candidates = defaultCandidates,
    onProgress,
    refit = true,
  } = options;
  const started = performance.now();
  const stages: StageTime[] = [...(options.stages ?? [])];
  let mark = performance.now();
  const stage = (name: string) => {
    stages.push({ stage: name, seconds: (performance.now() - mark) / 1000 });
    mark = performance.now();
  };
  const backend = await initTfBackend({ preferred: options.backend });
  const labelIndex = input.columns.indexOf(label);
  const labels = resolveLabels(labelIndex < 0 ? [] : input.rows.map((r) => r[labelIndex]), {
    positive: options.positive,
    column: label,
  });
  const y = labels.y;
  const roles = rowRoles({ y, missing: labels.missing, roles: options.roles, split: options.split, seed });
  const typing = inferColumnTypes(
    { columns: input.columns, rows: Array.from(roles.train, (i) => input.rows[i]) },
    { label, id, exclude },
  );
  const numeric = typing.features.filter((f) => f.type === ColumnType.Numeric).length;
  const bins = options.bins ?? autoBins(roles.train.length, numeric);
  const spec = fitPreprocessor({ table: input, columns: typing.features, rows: roles.train, bins, y });
  const x = encodeTable(spec, input);
  const monotone = monotoneColumns(spec, options.directions);
  stage("preprocessing");
  const classWeight = weighClasses(options.classWeight, y, roles.train);
  log.info(
    {
      rows: roles.train.length,
      validation: roles.validation.length,
      test: roles.test.length,
      features: typing.features.length,
      width: spec.width,
      backend,
    },
    "training",
  );
  const { winner, trained, summaries } = await trainCandidates({
    candidates,
    spec,
    x,
    y,
    train: roles.train,
    validation: roles.validation,
    classWeight,
    seed,
    monotone,
    budgetSeconds: options.budgetSeconds,
    onProgress,
  });
  for (const s of summaries)
    if (!s.skipped && !s.name.includes("+")) stages.push({ stage: `candidate ${s.name}`, seconds: s.seconds ?? 0 });
  mark = performance.now();
  try {
    const valY = Float32Array.from(roles.validation, (i) => y[i]);
    const chosenCalibration = fitCalibrator(winner.valLogits, valY);
    const valProb = applyCalibrator(chosenCalibration, winner.valLogits);
    const threshold = chooseThreshold(valY, valProb).threshold;
    let positives = 0;
    for (const i of roles.train) positives += y[i];
    const prevalence = positives / roles.train.length;
    const metrics: {
      validation: ReturnType<typeof evaluatePredictions>;
      test?: ReturnType<typeof evaluatePredictions>;
    } = {
      validation: evaluatePredictions(valY, valProb, { threshold, basePrevalence: prevalence }),
    };
    stage("calibration");
    if (roles.test.length > 0) {
      const testX = gatherRows(x, roles.test);
      const testY = Float32Array.from(roles.test, (i) => y[i]);
      const testProb = applyCalibrator(chosenCalibration, scoreLogits(winner, testX));
      metrics.test = evaluatePredictions(testY, testProb, { threshold, basePrevalence: prevalence });
      // The leaderboard shows every candidate on the test window too; only validation chose.
      for (const s of summaries) {
        const t = trained.find((c) => c.name === s.name);
        if (t) s.testAuc = rocAuc(testY, scoreLogits(t, testX));
      }
      stage("test window");
    }
    const valX = gatherRows(x, roles.validation);
    const importance = permutationImportance({
      spec,
      x: valX,
      y: valY,
      seed,
      score: (m) => scoreLogits(winner, m),
      maxRows: IMPORTANCE_ROWS,
    });
    stage("importance");
    const contributions = meanContributions({
      spec,
      scorer: winner,
      x: valX,
      linear: (winner.config?.hidden.length ?? 1) === 0,
      maxRows: IMPORTANCE_ROWS,
    });
    stage("explanations");
    const labelled = roles.labelled;
    const final = refit
      ? await refitWinner(winner, { spec, x, y, rows: labelled, classWeight, seed, monotone })
      : undefined;
    if (final) stage("refit");
    const scorer = final?.scorer ?? winner;
    // A refit network stopped at a fixed epoch count lands at another logit scale than the chosen
    // one, so its calibration is refit on the validation rows (few weights: little optimism). Trees
    // keep the out-of-sample calibration: in-sample tree logits would be overconfident.
    const calibration =
      final && (winner.parts ?? [winner]).every((p) => p.kind === ModelKind.Lr || p.kind === ModelKind.Mlp)
        ? fitCalibrator(scoreLogits(scorer, valX), valY)
        : chosenCalibration;
    const keepChosen = final !== undefined && options.onChosenModel !== undefined;
    disposeCandidates(trained, new Set<unknown>(final && !keepChosen ? [] : [...winner.networks, winner.vote]));
    const model = createChurnModel({
      networks: scorer.networks,
      vote: scorer.vote,
      forests: scorer.forests,
      preprocessing: spec,
      metadata: {
        version: makeVersion(),
        createdAt: new Date().toISOString(),
        kind: winner.kind,
        chosen: winner.name,
        config: winner.config,
        treeParams: winner.params,
        ...ensembleParts(scorer),
        label: { column: label, positive: labels.positive },
        idColumn: id,
        features: typing.features,
        droppedColumns: typing.dropped,
        encodedWidth: spec.width,
        dataFingerprint: options.fingerprint ?? fingerprintTable(input),
        seed,
        backend,
        classWeight,
        calibration,
        threshold: { value: threshold, rule: "maximise F1 on validation" },
        rows: {
          train: roles.train.length,
          validation: roles.validation.length,
          test: roles.test.length,
          refit: final?.summary.rows ?? 0,
        },
        refit: final?.summary,
        monotone: monotone?.size ?? 0,
        folds: 1,
        trainPrevalence: prevalence,
        candidates: summaries,
        importance,
        contributions,
        metrics,
        trainingWindow: options.trainingWindow,
        budgetSeconds: options.budgetSeconds,
        stages,
        trainSeconds: (performance.now() - started) / 1000,
      },
    });
    if (keepChosen) options.onChosenModel!(chosenModel(model, winner, chosenCalibration));
    return model;
  } catch (error) {
    disposeCandidates(trained);
    throw error;
  }
}

/** What the metadata records of a scorer's parts: its networks, its forests' sizes and weight, its neighbour vote. */
function ensembleParts(scorer: BlendedScorer) {
  return {
    members: scorer.networks.length,
    trees: scorer.forests?.length
      ? { weight: scorer.forestWeight ?? 0, trees: scorer.forests.map((f) => f.trees.length) }
      : undefined,
    neighbours: scorer.vote && {
      bandwidth: scorer.vote.bandwidth,
      featureWeights: scorer.vote.weights && Array.from(scorer.vote.weights),
      weight: scorer.voteWeight,
      rows: scorer.vote.reference.rows,
    },
  };
}

/** The chosen pipeline before its refit, with the calibration fitted for it on the validation rows. */
function chosenModel(
  final: ChurnModel,
  winner: Trained,
  calibration: ChurnModel["metadata"]["calibration"],
): ChurnModel {
  return createChurnModel({
    networks: winner.networks,
    vote: winner.vote,
    forests: winner.forests,
    preprocessing: final.preprocessing,
    metadata: {
      ...final.metadata,
      version: CHOSEN_MODEL_DIR,
      calibration,
      ...ensembleParts(winner),
      rows: { ...final.metadata.rows, refit: 0 },
      refit: undefined,
    },
  });
}

/** Sub-folder of a model version holding its chosen pipeline before the refit. */
export const CHOSEN_MODEL_DIR = "chosen";

/** Explicit class weights: "balanced" weighs each class by n / (2 · its count) on the training rows. */
function weighClasses(option: TrainModelOptions["classWeight"], y: Float32Array, train: Int32Array): ClassWeight {
  const cw = option ?? "balanced";
  if (cw === "none") return { negative: 1, positive: 1 };
  if (cw !== "balanced") return cw;
  let positives = 0;
  for (const i of train) positives += y[i];
  const n = train.length;
  return { negative: n / (2 * (n - positives)), positive: n / (2 * positives) };
}
