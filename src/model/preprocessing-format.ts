import { z } from "zod";
import { ErrorCode } from "../errors.ts";
import { readSavedJson, savedNumber, type SavedFormat } from "../saved-json.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { ColumnType } from "./infer-column-types.ts";

const count = z.number().int().nonnegative();

const featureSpec = z.discriminatedUnion("type", [
  // A column missing from every training row has NaN statistics, saved as null.
  z.object({
    name: z.string(),
    type: z.literal(ColumnType.Numeric),
    median: savedNumber,
    scale: savedNumber,
    lo: savedNumber,
    hi: savedNumber,
    indicator: z.boolean(),
    edges: z.array(savedNumber),
  }),
  z.object({
    name: z.string(),
    type: z.literal(ColumnType.Categorical),
    categories: z.array(z.string()),
    mode: z.string(),
    ranks: z.array(z.number()).optional(),
  }),
]);

/** preprocessing.json, format 1: each feature's encoding and where its block starts in the encoded row. */
const preprocessingV1 = z
  .object({ formatVersion: z.literal(1), features: z.array(featureSpec), offsets: z.array(count), width: count })
  .refine((s) => s.offsets.length === s.features.length + 1 && s.offsets.at(-1) === s.width, {
    message: "expected one offset per feature and a last offset equal to width",
    path: ["offsets"],
  })
  .transform(({ formatVersion: _v, ...spec }) => spec) satisfies z.ZodType<PreprocessingSpec>;

const PREPROCESSING_FORMAT = 1;

const format: SavedFormat<PreprocessingSpec> = {
  name: "preprocessing.json",
  current: PREPROCESSING_FORMAT,
  versions: { 1: preprocessingV1 },
  remedy: "retrain with `npx retain train` (or load it with the Retain version that saved it)",
  code: ErrorCode.BadInput,
};

/** The one writer of preprocessing.json. */
export function writePreprocessing(spec: PreprocessingSpec): string {
  return JSON.stringify({ formatVersion: PREPROCESSING_FORMAT, ...spec }, null, 1);
}

/** The one reader of preprocessing.json; `dir` is the model folder, for messages. */
export function readPreprocessing(text: string, dir: string): PreprocessingSpec {
  return readSavedJson(format, text, `in ${dir}`);
}
