import { averagePrecision, brierScore, type CalibrationBin, calibrationTable, rocAuc } from "../model/index.ts";

/** A run's customers as they turned out: what the run said and whether they churned within the horizon. */
export interface OutcomeRows {
  probability: Float64Array;
  /** 1 churned within (as_of, as_of + horizon], else 0. */
  churned: Uint8Array;
  /** 1 when the run put the customer in its at-risk cohort. */
  atRisk: Uint8Array;
  mrr: Float64Array;
  segment: string[];
  plan: string[];
}

/** Realised scores of one group of a run's customers. */
export interface OutcomeScores {
  rows: number;
  churned: number;
  /** Realised churn rate. */
  prevalence: number;
  /** NaN when the group has one class only. */
  auc: number;
  prAuc: number;
  brier: number;
  /** The at-risk cohort: its size, the churners in it, precision and recall. */
  atRisk: { flagged: number; caught: number; precision: number; recall: number };
  /** MRR of the customers who churned, and of those the at-risk cohort held. */
  mrr: { churned: number; caught: number };
}

/** A run's realised performance: the whole run (with calibration by tenth of predicted probability) and by segment and plan. */
export interface RunOutcome {
  overall: OutcomeScores & { calibration: CalibrationBin[] };
  bySegment: { key: string; scores: OutcomeScores }[];
  byPlan: { key: string; scores: OutcomeScores }[];
}

/** Shown for a customer without a segment or plan. */
export const NO_GROUP = "(none)";

function scoresOf(rows: OutcomeRows, picked: readonly number[] | null): OutcomeScores {
  const n = picked ? picked.length : rows.probability.length;
  const at = (i: number) => (picked ? picked[i] : i);
  const y = new Uint8Array(n);
  const p = new Float64Array(n);
  let churned = 0;
  let flagged = 0;
  let caught = 0;
  let churnedMrr = 0;
  let caughtMrr = 0;
  for (let i = 0; i < n; i++) {
    const r = at(i);
    y[i] = rows.churned[r];
    p[i] = rows.probability[r];
    churned += y[i];
    flagged += rows.atRisk[r];
    if (y[i] !== 1) continue;
    churnedMrr += rows.mrr[r];
    if (rows.atRisk[r] !== 1) continue;
    caught++;
    caughtMrr += rows.mrr[r];
  }
  const twoClasses = churned > 0 && churned < n;
  return {
    rows: n,
    churned,
    prevalence: n ? churned / n : Number.NaN,
    auc: twoClasses ? rocAuc(y, p) : Number.NaN,
    prAuc: churned > 0 ? averagePrecision(y, p) : Number.NaN,
    brier: n ? brierScore(y, p) : Number.NaN,
    atRisk: {
      flagged,
      caught,
      precision: flagged ? caught / flagged : Number.NaN,
      recall: churned ? caught / churned : Number.NaN,
    },
    mrr: { churned: churnedMrr, caught: caughtMrr },
  };
}

function byGroup(rows: OutcomeRows, keys: readonly string[]): RunOutcome["bySegment"] {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  });
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, picked]) => ({ key, scores: scoresOf(rows, picked) }));
}

/** ROC-AUC, PR-AUC, Brier score, calibration, the at-risk cohort's precision and recall and the MRR it caught. */
export function measureRunOutcome(rows: OutcomeRows): RunOutcome {
  return {
    overall: { ...scoresOf(rows, null), calibration: calibrationTable(rows.churned, rows.probability) },
    bySegment: byGroup(rows, rows.segment),
    byPlan: byGroup(rows, rows.plan),
  };
}
