import { z } from "zod";
import { ErrorCode } from "../errors.ts";
import { readSavedJson, savedNumber, type SavedFormat } from "../saved-json.ts";
import type { OutcomeScores, RunOutcome } from "./measure-run-outcome.ts";

/** What run_outcomes.metrics keeps: the run's realised performance and what it was measured on. */
export interface SavedRunOutcome extends RunOutcome {
  horizonDays: number;
  /** The latest data day when it was measured (ISO date). */
  dataThrough: string;
}

const scores = z.object({
  rows: z.number(),
  churned: z.number(),
  prevalence: savedNumber,
  auc: savedNumber,
  prAuc: savedNumber,
  brier: savedNumber,
  atRisk: z.object({ flagged: z.number(), caught: z.number(), precision: savedNumber, recall: savedNumber }),
  mrr: z.object({ churned: z.number(), caught: z.number() }),
}) satisfies z.ZodType<OutcomeScores, unknown>;
const bin = z.object({
  lower: z.number(),
  upper: z.number(),
  count: z.number(),
  meanPredicted: savedNumber,
  observedRate: savedNumber,
});
const group = z.array(z.object({ key: z.string(), scores }));
const outcomeV1 = z
  .object({
    formatVersion: z.literal(1),
    horizonDays: z.number().int().positive(),
    dataThrough: z.string(),
    overall: scores.extend({ calibration: z.array(bin) }),
    bySegment: group,
    byPlan: group,
  })
  .transform(({ formatVersion: _v, ...o }): SavedRunOutcome => o);

const FORMAT = 1;
const format: SavedFormat<SavedRunOutcome> = {
  name: "run_outcomes.metrics",
  current: FORMAT,
  versions: { 1: outcomeV1 },
  remedy: "delete the row; `npx retain monitor` measures the run again",
  code: ErrorCode.Database,
};

/** The one writer of run_outcomes.metrics. */
export const writeRunOutcome = (outcome: SavedRunOutcome) => JSON.stringify({ formatVersion: FORMAT, ...outcome });

/** The one reader of run_outcomes.metrics; `runId` names the row in messages. */
export const readRunOutcome = (text: string, runId: number) => readSavedJson(format, text, `of run ${runId}`);
