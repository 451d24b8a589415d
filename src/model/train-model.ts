import { moduleLogger } from "../logger.ts";
import { createChurnModel, type ChurnModel } from "./churn-model.ts";
import { encodeTable } from "./encode-table.ts";
import { evaluatePredictions } from "./evaluate-predictions.ts";
import { gatherRows } from "./gather-rows.ts";
import { fitCalibrator, applyCalibrator } from "./fit-calibrator.ts";
import { fitPreprocessor } from "./fit-preprocessor.ts";
import { fingerprintTable } from "./fingerprint-table.ts";
import { ColumnType, inferColumnTypes } from "./infer-column-types.ts";
import { initTfBackend } from "./init-tf-backend.ts";
import { makeVersion } from "./make-version.ts";
import type { TrainingWindow } from "./model-metadata.ts";
import { permutationImportance } from "./permutation-importance.ts";
import { resolveLabels } from "./resolve-label.ts";
import { scoreLogits } from "./score-logits.ts";
import { splitRows, type ValidationSplit } from "./split-rows.ts";
import { chooseThreshold } from "./threshold-metrics.ts";
import { defaultCandidates, trainCandidates, type CandidateConfig } from "./train-candidates.ts";
import type { ClassWeight } from "./train-network.ts";
import type { ProgressCallback, Table } from "./types.ts";

const log = moduleLogger("model");

export interface TrainModelOptions {
  table: Table;
  /** Label column; `positive` is its churn value (detected from Yes/1/true when omitted). */
  label: string;
  positive?: string;
  id?: string;
  /** Columns never used as features (e.g. as-of date, group keys). */
  exclude?: string[];
  /** Validation rows (early stopping, selection, calibration, threshold). Default: see defaultSplit. */
  split?: ValidationSplit;
  seed?: number;
  candidates?: readonly CandidateConfig[];
  /** "balanced" (default) weighs each class by n / (2 · class count). */
  classWeight?: "balanced" | "none" | ClassWeight;
  /** Piecewise-linear bins per numeric column. Default: see autoBins. */
  bins?: number;
  /** sha256 of the training data; computed from the table when omitted. */
  fingerprint?: string;
  /** Preferred TF backend (e.g. from RETAIN_TF_BACKEND). */
  backend?: string;
  trainingWindow?: TrainingWindow;
  onProgress?: ProgressCallback;
}

/**
 * 5-fold cross-fitting up to 60k rows (every row trains 4 of 5 networks and validates the fifth),
 * a single stratified 20% holdout above that, to keep training time near-linear.
 */
export function defaultSplit(rows: number): ValidationSplit {
  return rows <= 60_000 ? { kind: "kfold", folds: 5 } : { kind: "stratified", fraction: 0.2 };
}

/**
 * Piecewise-linear bins per numeric column: 16 for small data, fewer as rows × columns grow so the
 * encoded width (and training time) stays bounded (≈ 40M encoded cells, at least 2 bins).
 */
export function autoBins(rows: number, numericColumns: number): number {
  const width = Math.max(256, 4e7 / Math.max(1, rows));
  return Math.max(2, Math.min(16, Math.floor(width / Math.max(1, numericColumns)) - 2));
}

function subset<T>(values: ArrayLike<T>, rows: ArrayLike<number>): T[] {
  return Array.from(rows, (r) => values[r]);
}

/** Trains, selects, calibrates and describes a churn model from an in-memory table (not saved). */
export async function trainModel(options: TrainModelOptions): Promise<ChurnModel> {
  const { table: input, label, id, exclude, seed = 42, candidates = defaultCandidates, onProgress } = options;
  const started = performance.now();
  const backend = await initTfBackend({ preferred: options.backend });
  const labelIndex = input.columns.indexOf(label);
  const labels = resolveLabels(labelIndex < 0 ? [] : input.rows.map((r) => r[labelIndex]), { positive: options.positive, column: label });
  const missing = new Set(labels.missing);
  const kept = Int32Array.from({ length: input.rows.length }, (_, i) => i).filter((i) => !missing.has(i));
  const table: Table = missing.size ? { columns: input.columns, rows: subset(input.rows, kept) } : input;
  const y = missing.size ? Float32Array.from(kept, (i) => labels.y[i]) : labels.y;
  let split = options.split ?? defaultSplit(table.rows.length);
  if (missing.size && split.kind === "mask") split = { kind: "mask", validation: subset(split.validation, kept) };
  if (missing.size && split.kind === "groups") split = { ...split, groups: subset(split.groups, kept) };
  const folds = splitRows({ y, split, seed });
  // With K folds every row trains some network, so the preprocessing sees all rows.
  const trainRows = folds.length > 1 ? Int32Array.from({ length: y.length }, (_, i) => i) : folds[0].train;
  const typing = inferColumnTypes({ columns: table.columns, rows: subset(table.rows, trainRows) }, { label, id, exclude });
  const numeric = typing.features.filter((f) => f.type === ColumnType.Numeric).length;
  const bins = options.bins ?? autoBins(trainRows.length, numeric);
  const spec = fitPreprocessor({ table, columns: typing.features, rows: trainRows, bins });
  const x = encodeTable(spec, table);
  let positives = 0;
  for (const i of trainRows) positives += y[i];
  const cw = options.classWeight ?? "balanced";
  const n = trainRows.length;
  const classWeight: ClassWeight = cw === "balanced" ? { negative: n / (2 * (n - positives)), positive: n / (2 * positives) } : cw === "none" ? { negative: 1, positive: 1 } : cw;
  log.info({ rows: n, folds: folds.length, features: typing.features.length, width: spec.width, backend }, "training");
  const selection = await trainCandidates({ candidates, spec, x, y, folds, classWeight, seed, onProgress });
  const valY = Float32Array.from(selection.validationRows, (i) => y[i]);
  const calibration = fitCalibrator(selection.valLogits, valY);
  const valProb = applyCalibrator(calibration, selection.valLogits);
  const threshold = chooseThreshold(valY, valProb).threshold;
  const prevalence = positives / n;
  const { probe } = selection;
  const importance = permutationImportance({ spec, x: gatherRows(x, probe.rows), y: Float32Array.from(probe.rows, (i) => y[i]), seed, score: (m) => scoreLogits(probe, m) });
  const { kind, config, vote, voteWeight, forests, forestWeight = 0 } = selection;
  if (probe.vote !== vote) probe.vote?.dispose(); // the first fold's vote served only the importance
  return createChurnModel({
    networks: selection.networks,
    vote,
    forests,
    preprocessing: spec,
    metadata: {
      formatVersion: 1,
      version: makeVersion(),
      createdAt: new Date().toISOString(),
      kind,
      members: selection.networks.length,
      config,
      trees: forests && { weight: forestWeight, trees: forests.map((f) => f.trees.length) },
      neighbours: vote && { bandwidth: vote.bandwidth, featureWeights: vote.weights && Array.from(vote.weights), weight: voteWeight, rows: vote.reference.rows },
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
      rows: { train: n, validation: valY.length },
      folds: folds.length,
      trainPrevalence: prevalence,
      candidates: selection.summaries,
      importance,
      metrics: { validation: evaluatePredictions(valY, valProb, { threshold, basePrevalence: prevalence }) },
      trainingWindow: options.trainingWindow,
      trainSeconds: (performance.now() - started) / 1000,
    },
  });
}
