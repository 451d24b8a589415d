import { moduleLogger } from "../logger.ts";
import { createChurnModel, type ChurnModel } from "./churn-model.ts";
import { encodeTable } from "./encode-table.ts";
import { evaluatePredictions } from "./evaluate-predictions.ts";
import { fitCalibrator, applyCalibrator } from "./fit-calibrator.ts";
import { fitPreprocessor } from "./fit-preprocessor.ts";
import { fingerprintTable } from "./fingerprint-table.ts";
import { inferColumnTypes } from "./infer-column-types.ts";
import { initTfBackend } from "./init-tf-backend.ts";
import { makeVersion } from "./make-version.ts";
import type { TrainingWindow } from "./model-metadata.ts";
import { permutationImportance } from "./permutation-importance.ts";
import { predictLogits } from "./build-network.ts";
import { resolveLabels } from "./resolve-label.ts";
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
  /** Validation rows (early stopping, selection, calibration, threshold). Default: stratified 20%. */
  split?: ValidationSplit;
  seed?: number;
  candidates?: readonly CandidateConfig[];
  /** "balanced" (default) weighs each class by n / (2 · class count). */
  classWeight?: "balanced" | "none" | ClassWeight;
  /** Piecewise-linear bins per numeric column. Default 8. */
  bins?: number;
  /** sha256 of the training data; computed from the table when omitted. */
  fingerprint?: string;
  /** Preferred TF backend (e.g. from RETAIN_TF_BACKEND). */
  backend?: string;
  trainingWindow?: TrainingWindow;
  onProgress?: ProgressCallback;
}

function subset<T>(values: ArrayLike<T>, rows: ArrayLike<number>): T[] {
  return Array.from(rows, (r) => values[r]);
}

/** Trains, selects, calibrates and describes a churn model from an in-memory table (not saved). */
export async function trainModel(options: TrainModelOptions): Promise<ChurnModel> {
  const { table: input, label, id, exclude, seed = 42, candidates = defaultCandidates, bins = 8, onProgress } = options;
  const started = performance.now();
  const backend = await initTfBackend({ preferred: options.backend });
  const labelIndex = input.columns.indexOf(label);
  const labels = resolveLabels(labelIndex < 0 ? [] : input.rows.map((r) => r[labelIndex]), { positive: options.positive, column: label });
  const missing = new Set(labels.missing);
  const kept = Int32Array.from({ length: input.rows.length }, (_, i) => i).filter((i) => !missing.has(i));
  const table: Table = missing.size ? { columns: input.columns, rows: subset(input.rows, kept) } : input;
  const y = missing.size ? Float32Array.from(kept, (i) => labels.y[i]) : labels.y;
  let split = options.split ?? { kind: "stratified", fraction: 0.2 };
  if (missing.size && split.kind === "mask") split = { kind: "mask", validation: subset(split.validation, kept) };
  if (missing.size && split.kind === "groups") split = { ...split, groups: subset(split.groups, kept) };
  const rows = splitRows({ y, split, seed });
  const typing = inferColumnTypes({ columns: table.columns, rows: subset(table.rows, rows.train) }, { label, id, exclude });
  const spec = fitPreprocessor({ table, columns: typing.features, rows: rows.train, bins });
  const train = { x: encodeTable(spec, table, rows.train), y: Float32Array.from(rows.train, (i) => y[i]) };
  const validation = { x: encodeTable(spec, table, rows.holdout), y: Float32Array.from(rows.holdout, (i) => y[i]) };
  const positives = train.y.reduce((s, v) => s + v, 0);
  const cw = options.classWeight ?? "balanced";
  const classWeight: ClassWeight =
    cw === "balanced" ? { negative: train.y.length / (2 * (train.y.length - positives)), positive: train.y.length / (2 * positives) } : cw === "none" ? { negative: 1, positive: 1 } : cw;
  log.info({ rows: train.y.length, validation: validation.y.length, features: typing.features.length, width: spec.width, backend }, "training");
  const selection = await trainCandidates({ candidates, train, validation, classWeight, seed, onProgress });
  const calibration = fitCalibrator(selection.valLogits, validation.y);
  const valProb = applyCalibrator(calibration, selection.valLogits);
  const threshold = chooseThreshold(validation.y, valProb).threshold;
  const prevalence = positives / train.y.length;
  const importance = permutationImportance({ spec, x: validation.x, y: validation.y, seed, score: (x) => predictLogits(selection.networks, x) });
  const { best } = selection;
  const { name: _name, kind, members = 1, ...config } = best;
  return createChurnModel({
    networks: selection.networks,
    preprocessing: spec,
    metadata: {
      formatVersion: 1,
      version: makeVersion(),
      createdAt: new Date().toISOString(),
      kind,
      members,
      config,
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
      rows: { train: train.y.length, validation: validation.y.length },
      candidates: selection.summaries,
      importance,
      metrics: { validation: evaluatePredictions(validation.y, valProb, { threshold, basePrevalence: prevalence }) },
      trainingWindow: options.trainingWindow,
      trainSeconds: (performance.now() - started) / 1000,
    },
  });
}
