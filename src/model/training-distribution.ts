import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ErrorCode } from "../errors.ts";
import { readSavedJson, type SavedFormat } from "../saved-json.ts";
import { type ColumnDistribution, fitColumnDistribution } from "./feature-distribution.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { RowRole } from "./row-roles.ts";
import type { RawValue, Table } from "./types.ts";

/** The file of a model folder holding the training distribution (models trained before it have none). */
export const TRAINING_DISTRIBUTION_FILE = "training-distribution.json";
/** Rows the distribution is fitted on at most (an even stride through the training window): deciles need few. */
const MAX_ROWS = 20_000;

/** Every feature's and the score's bins and shares over the model's training window, for drift (PSI). */
export interface TrainingDistribution {
  /** First and last as-of date of the training window (ISO dates). */
  from: string;
  to: string;
  rows: number;
  features: ColumnDistribution[];
  /** The model's calibrated probability on the same rows. */
  score: ColumnDistribution;
}

const column = z.discriminatedUnion("type", [
  z.object({ name: z.string(), type: z.literal("numeric"), edges: z.array(z.number()), shares: z.array(z.number()) }),
  z.object({
    name: z.string(),
    type: z.literal("categorical"),
    categories: z.array(z.string()),
    shares: z.array(z.number()),
  }),
]);
const distributionV1 = z
  .object({
    formatVersion: z.literal(1),
    from: z.string(),
    to: z.string(),
    rows: z.number().int().nonnegative(),
    features: z.array(column),
    score: column,
  })
  .transform(({ formatVersion: _v, ...d }): TrainingDistribution => d);

const FORMAT = 1;
const format: SavedFormat<TrainingDistribution> = {
  name: TRAINING_DISTRIBUTION_FILE,
  current: FORMAT,
  versions: { 1: distributionV1 },
  remedy: "retrain with `npx retain train` (drift cannot be measured against this model as it is)",
  code: ErrorCode.BadInput,
};

/**
 * Fits the bins of every feature the model reads (as its preprocessing types them) and of its score
 * on the training-window rows of `table`; `score` gives the model's probabilities of those rows.
 */
export function fitTrainingDistribution(options: {
  table: Table;
  /** Indices of the training-window rows in `table`. */
  rows: readonly number[];
  preprocessing: PreprocessingSpec;
  window: { from: string; to: string };
  score: (table: Table) => Float64Array;
}): TrainingDistribution {
  const { table, preprocessing } = options;
  const stride = Math.max(1, Math.ceil(options.rows.length / MAX_ROWS));
  const picked = options.rows.filter((_, i) => i % stride === 0).map((r) => table.rows[r]);
  const features = preprocessing.features.map((f) => {
    const at = table.columns.indexOf(f.name);
    const values: RawValue[] = picked.map((r) => (at < 0 ? null : r[at]));
    return fitColumnDistribution({ name: f.name, type: f.type, values });
  });
  const probabilities = Array.from(options.score({ columns: table.columns, rows: picked }));
  return {
    ...options.window,
    rows: picked.length,
    features,
    score: fitColumnDistribution({ name: "score", type: "numeric", values: probabilities }),
  };
}

/** The one writer of training-distribution.json, into a model folder. */
export async function writeTrainingDistribution(dir: string, distribution: TrainingDistribution): Promise<void> {
  await writeFile(join(dir, TRAINING_DISTRIBUTION_FILE), JSON.stringify({ formatVersion: FORMAT, ...distribution }));
}

/** The one reader: null for a model saved before training distributions were kept. */
export async function readTrainingDistribution(dir: string): Promise<TrainingDistribution | null> {
  const file = join(dir, TRAINING_DISTRIBUTION_FILE);
  if (!existsSync(file)) return null;
  return readSavedJson(format, await readFile(file, "utf8"), `in ${dir}`);
}

/**
 * Fits the training distribution on the training-window rows (`roles`) of a trained model's table and
 * saves it in its folder: what drift (PSI) of later risk runs is measured against.
 */
export async function saveTrainingDistribution(options: {
  dir: string;
  table: Table;
  roles: Int8Array;
  model: { preprocessing: PreprocessingSpec; predict(table: Table): Float64Array };
  /** The training window's as-of dates (ISO). */
  trainAsOf: readonly string[];
}): Promise<void> {
  const { table, roles, model } = options;
  const distribution = fitTrainingDistribution({
    table,
    rows: Array.from(roles.keys()).filter((i) => roles[i] === RowRole.Train),
    preprocessing: model.preprocessing,
    window: { from: options.trainAsOf[0] ?? "", to: options.trainAsOf.at(-1) ?? "" },
    score: (t) => model.predict(t),
  });
  await writeTrainingDistribution(options.dir, distribution);
}
