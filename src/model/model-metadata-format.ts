import { z } from "zod";
import { ErrorCode } from "../errors.ts";
import { readSavedJson, savedNumber, type SavedFormat } from "../saved-json.ts";
import type { Calibrator } from "./fit-calibrator.ts";
import { ColumnType, DropReason } from "./infer-column-types.ts";
import { importanceSchema, metricsSchema, stageTimeSchema } from "./metrics-schema.ts";
import type { CandidateSummary, ModelMetadata } from "./model-metadata.ts";
import { ModelKind } from "./types.ts";

const count = z.number().int().nonnegative();

const treeParamsSchema = z
  .object({
    learningRate: z.number(),
    maxLeaves: count,
    minLeafRows: count,
    l2: z.number(),
    maxTrees: count,
    patience: count,
    maxBins: count,
    subsample: z.number(),
    seed: z.number(),
  })
  .partial();

/** One row of the training leaderboard, as metadata.json (and the registry) save it. */
export const candidateSummarySchema = z.object({
  name: z.string(),
  kind: z.enum(ModelKind),
  members: count,
  valAuc: savedNumber,
  testAuc: savedNumber.optional(),
  epochs: z.array(z.number()),
  seconds: savedNumber.optional(),
  params: treeParamsSchema.optional(),
  skipped: z.string().optional(),
}) satisfies z.ZodType<CandidateSummary>;

const calibratorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("platt"), a: z.number(), b: z.number() }),
  z.object({ kind: z.literal("isotonic"), x: z.array(z.number()), y: z.array(z.number()) }),
]) satisfies z.ZodType<Calibrator>;

const trainingWindowSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    trainAsOf: z.array(z.string()),
    validationAsOf: z.array(z.string()),
    testAsOf: z.array(z.string()),
    refitAsOf: z.array(z.string()),
    customerSample: z.number(),
    stepDays: count,
    horizonDays: count,
  })
  .partial();

/**
 * metadata.json, format 1 (the only one so far). Fields added since the first models (folds,
 * trainPrevalence, neighbours, trees, refit, stages, contributions…) are optional, so every
 * metadata.json Retain has written still reads.
 */
const metadataV1 = z
  .object({
    formatVersion: z.literal(1),
    version: z.string(),
    createdAt: z.string(),
    kind: z.enum(ModelKind),
    chosen: z.string().optional(),
    treeParams: treeParamsSchema.optional(),
    members: count,
    config: z
      .object({
        hidden: z.array(count),
        dropout: z.number(),
        l2: z.number(),
        learningRate: z.number(),
        batchSize: count,
        maxEpochs: count,
        patience: count,
        epochRows: count,
      })
      .partial()
      .required({ hidden: true })
      .optional(),
    neighbours: z
      .object({
        bandwidth: z.number(),
        featureWeights: z.array(z.number()).optional(),
        weight: z.number(),
        rows: count,
      })
      .optional(),
    trees: z.object({ weight: z.number(), trees: z.array(count) }).optional(),
    label: z.object({ column: z.string(), positive: z.string() }),
    idColumn: z.string().optional(),
    features: z.array(z.object({ name: z.string(), type: z.enum(ColumnType) })),
    droppedColumns: z.array(z.object({ name: z.string(), reason: z.enum(DropReason) })),
    encodedWidth: count,
    dataFingerprint: z.string(),
    seed: z.number(),
    backend: z.string(),
    classWeight: z.object({ negative: z.number(), positive: z.number() }),
    calibration: calibratorSchema,
    threshold: z.object({ value: z.number(), rule: z.string() }),
    rows: z.object({ train: count, validation: count, test: count.optional(), refit: count.optional() }),
    refit: z
      .object({
        rows: count,
        trees: count.optional(),
        bagged: count.optional(),
        epochs: z.array(z.number()).optional(),
      })
      .optional(),
    monotone: count.optional(),
    budgetSeconds: z.number().optional(),
    stages: z.array(stageTimeSchema).optional(),
    folds: count.optional(),
    trainPrevalence: savedNumber.optional(),
    candidates: z.array(candidateSummarySchema),
    importance: z.array(importanceSchema),
    contributions: z.array(importanceSchema).optional(),
    metrics: z.object({ validation: metricsSchema, test: metricsSchema.optional() }),
    trainingWindow: trainingWindowSchema.optional(),
    trainSeconds: z.number(),
  })
  .transform(({ formatVersion: _v, ...metadata }) => metadata) satisfies z.ZodType<ModelMetadata>;

const METADATA_FORMAT = 1;

const format: SavedFormat<ModelMetadata> = {
  name: "metadata.json",
  current: METADATA_FORMAT,
  versions: { 1: metadataV1 },
  remedy: "retrain with `npx retain train` (or load it with the Retain version that saved it)",
  code: ErrorCode.BadInput,
};

/** The one writer of metadata.json: the in-memory metadata with its format version. */
export function writeModelMetadata(metadata: ModelMetadata): string {
  return JSON.stringify({ formatVersion: METADATA_FORMAT, ...metadata }, null, 1);
}

/** The one reader of metadata.json; `dir` is the model folder, for messages. */
export function readModelMetadata(text: string, dir: string): ModelMetadata {
  return readSavedJson(format, text, `in ${dir}`);
}
