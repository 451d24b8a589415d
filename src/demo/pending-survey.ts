import type { SurveyKind } from "./demo-contract.ts";
import { COMMENTS } from "./demo-text.ts";
import { csvField } from "./csv-writer.ts";
import { formatTimestamp } from "./epoch-day.ts";
import type { Random } from "./random.ts";

/**
 * A survey response held back until the customer's churn date is known (responses after
 * churn are dropped). `ticketId` is "" for relationship NPS; `ms` is the response time.
 */
export interface PendingSurvey {
  readonly kind: SurveyKind;
  readonly score: number;
  readonly ms: number;
  readonly ticketId: string;
  readonly comment: string;
}

/** Scores at or below the first bound read as negative, above the second as positive. */
const SENTIMENT_BOUNDS: Readonly<Record<SurveyKind, readonly [number, number]>> = {
  csat: [2, 3],
  nps: [6, 8],
  ces: [3, 5],
};

/** A comment matching the score's sentiment, on about a third of responses ("" otherwise). */
export function pickComment(rng: Random, kind: SurveyKind, score: number): string {
  if (!rng.chance(0.35)) return "";
  const [negative, neutral] = SENTIMENT_BOUNDS[kind];
  const pool = score <= negative ? COMMENTS.negative : score <= neutral ? COMMENTS.neutral : COMMENTS.positive;
  return rng.pick(pool);
}

/** The surveys.csv line of one response. */
export function formatSurveyLine(options: { responseId: string; customerId: string; survey: PendingSurvey }): string {
  const { responseId, customerId, survey } = options;
  return (
    `${responseId},${customerId},${survey.kind},${survey.score},` +
    `${formatTimestamp(survey.ms)},${survey.ticketId},${csvField(survey.comment)}\n`
  );
}
