import { z } from "zod";
import { ErrorCode } from "../errors.ts";
import { readSavedJson, savedNumber, type SavedFormat } from "../saved-json.ts";
import type { RunDrift } from "./run-drift.ts";

const column = z.object({
  name: z.string(),
  type: z.enum(["numeric", "categorical"]),
  labels: z.array(z.string()),
  training: z.array(z.number()),
  run: z.array(z.number()),
  psi: savedNumber,
  missingShare: savedNumber,
  trainingMissingShare: savedNumber,
});
const driftV1 = z
  .object({
    formatVersion: z.literal(1),
    modelVersion: z.string(),
    trainingFrom: z.string(),
    trainingTo: z.string(),
    trainingRows: z.number(),
    rows: z.number(),
    features: z.array(column),
    score: column,
  })
  .transform(({ formatVersion: _v, ...d }): RunDrift => d);

const FORMAT = 1;
const format: SavedFormat<RunDrift> = {
  name: "run_drift.drift",
  current: FORMAT,
  versions: { 1: driftV1 },
  remedy: "score the date again with `npx retain score --as-of DATE`",
  code: ErrorCode.Database,
};

/** The one writer of run_drift.drift. */
export const writeRunDrift = (drift: RunDrift) => JSON.stringify({ formatVersion: FORMAT, ...drift });

/** The one reader of run_drift.drift; `runId` names the row in messages. */
export const readRunDrift = (text: string, runId: number) => readSavedJson(format, text, `of run ${runId}`);
