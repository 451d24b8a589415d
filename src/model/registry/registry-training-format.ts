import { z } from "zod";
import { ErrorCode } from "../../errors.ts";
import { readSavedJson, type SavedFormat } from "../../saved-json.ts";
import type { CandidateConfig } from "../train-candidates.ts";

/** What every version records of its data and run. */
interface TrainedWith {
  /** sha256 of the training data. */
  dataFingerprint: string;
  seed: number;
  backend: string;
}

/** A version trained from the database (`retain train`): its snapshot dates by role and their rows. */
export interface DatabaseTraining extends TrainedWith {
  source: "database";
  /** First and last as-of date (ISO dates). */
  from: string;
  to: string;
  horizonDays: number;
  /** Days between as-of dates; null for versions that did not record it. */
  stepDays: number | null;
  /** Share of customers sampled to fit the time budget (1 = all). */
  customerSample: number;
  /** As-of dates of each role; test and refit are empty for versions trained before test windows. */
  asOf: { train: string[]; validation: string[]; test: string[]; refit: string[] };
  /** Rows of each role; test and refit are 0 for versions trained before test windows. */
  rows: { train: number; validation: number; test: number; refit: number };
  /** What the scheduled retraining repeats; absent for versions trained before it was saved. */
  settings?: TrainingSettings;
}

/** How a version was trained: the candidates, the time budget and the features left out. */
export interface TrainingSettings {
  candidates: CandidateConfig[];
  budgetSeconds: number;
  excludeFeatures: string[];
}

/** A version trained from a flat CSV (`retain train --from-csv`). */
export interface CsvTraining extends TrainedWith {
  source: "csv";
  file: string;
  /** The labelled file the test metrics come from; null: a held-out split of `file`. */
  evalFile: string | null;
  label: string;
}

/** `model_versions.training`: where a version's data came from. */
export type RegistryTraining = DatabaseTraining | CsvTraining;

const dates = z.array(z.string());
const count = z.number().int().nonnegative();
const trainedWith = { dataFingerprint: z.string(), seed: z.number(), backend: z.string() };

const databaseV2 = z.object({
  ...trainedWith,
  source: z.literal("database"),
  from: z.string(),
  to: z.string(),
  horizonDays: count,
  stepDays: count.nullable(),
  customerSample: z.number(),
  asOf: z.object({ train: dates, validation: dates, test: dates, refit: dates }),
  rows: z.object({ train: count, validation: count, test: count, refit: count }),
  settings: z
    .object({
      // Candidate configs are the trainer's own options, saved as given and handed back to it.
      candidates: z
        .array(z.looseObject({ name: z.string(), kind: z.string() }))
        .transform((c) => c as CandidateConfig[]),
      budgetSeconds: z.number().positive(),
      excludeFeatures: z.array(z.string()),
    })
    .optional(),
});
const csvV2 = z.object({
  ...trainedWith,
  source: z.literal("csv"),
  file: z.string(),
  evalFile: z.string().nullable(),
  label: z.string(),
});

/** Format 2: the source says which of the two shapes it is. */
const trainingV2 = z
  .discriminatedUnion("source", [
    databaseV2.extend({ formatVersion: z.literal(2) }),
    csvV2.extend({ formatVersion: z.literal(2) }),
  ])
  .transform(({ formatVersion: _v, ...training }): RegistryTraining => training);

/**
 * The shapes written before format 2, by the row's source: from the database the training window,
 * asOf and rows (test and refit dates, stepDays and customerSample only later; the window's dates
 * repeated as *AsOf), from a CSV the file, evalFile and label.
 */
const unversionedDatabase = z
  .object({
    ...trainedWith,
    from: z.string(),
    to: z.string(),
    horizonDays: count,
    stepDays: count.optional(),
    customerSample: z.number().optional(),
    asOf: z.object({ train: dates, validation: dates, test: dates.optional(), refit: dates.optional() }),
    rows: z.object({ train: count, validation: count, test: count.optional(), refit: count.optional() }),
  })
  .transform(
    ({ asOf, rows, ...t }): DatabaseTraining => ({
      source: "database",
      from: t.from,
      to: t.to,
      horizonDays: t.horizonDays,
      stepDays: t.stepDays ?? null,
      customerSample: t.customerSample ?? 1,
      asOf: { train: asOf.train, validation: asOf.validation, test: asOf.test ?? [], refit: asOf.refit ?? [] },
      rows: { train: rows.train, validation: rows.validation, test: rows.test ?? 0, refit: rows.refit ?? 0 },
      dataFingerprint: t.dataFingerprint,
      seed: t.seed,
      backend: t.backend,
    }),
  );
const unversionedCsv = z
  .object({ ...trainedWith, file: z.string(), evalFile: z.string().nullable(), label: z.string() })
  .transform((t): CsvTraining => ({ source: "csv", ...t }));

const REGISTRY_TRAINING_FORMAT = 2;

const formatOf = (unversioned: z.ZodType<RegistryTraining>): SavedFormat<RegistryTraining> => ({
  name: "model_versions.training",
  current: REGISTRY_TRAINING_FORMAT,
  versions: { 2: trainingV2 },
  unversioned,
  remedy: "retrain with `npx retain train` (the version cannot be shown or promoted as it is)",
  code: ErrorCode.Database,
});
const formats = { database: formatOf(unversionedDatabase), csv: formatOf(unversionedCsv) };

/** The one writer of `model_versions.training`. */
export function writeRegistryTraining(training: RegistryTraining): string {
  return JSON.stringify({ formatVersion: REGISTRY_TRAINING_FORMAT, ...training });
}

/**
 * The one reader of `model_versions.training`: format 2, or the older shape of the row's `source`
 * ("database" or "csv"); `version` names the row in messages.
 */
export function readRegistryTraining(text: string, row: { version: string; source: string }): RegistryTraining {
  return readSavedJson(row.source === "csv" ? formats.csv : formats.database, text, `of ${row.version}`);
}
