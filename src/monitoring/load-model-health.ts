import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Database, dayNumber, dayToIsoDate, listModelVersions } from "../db/index.ts";
import { listRunHealth } from "../db/repositories/run-health.ts";
import { listModels, TRAINING_DISTRIBUTION_FILE } from "../model/index.ts";
import type { OutcomeScores } from "./measure-run-outcome.ts";
import type { ColumnDrift, RunDrift } from "./run-drift.ts";
import { readRunDrift } from "./run-drift-format.ts";
import { horizonsOf } from "./run-horizons.ts";
import { readRunOutcome, type SavedRunOutcome } from "./run-outcome-format.ts";

/** A run's drift as shown: PSI of the score, the features above the threshold (highest first), or why there is none. */
export type RunDriftSummary =
  | {
      available: true;
      scorePsi: number;
      maxPsi: number;
      features: number;
      flagged: ColumnDrift[];
      scoreFlagged: boolean;
    }
  | { available: false; reason: string };

/** One complete risk run: measured against what happened, or pending until its horizon passes. */
export interface RunHealth {
  runId: number;
  asOf: string;
  modelVersion: string;
  scored: number;
  atRisk: number;
  status: "measured" | "pending";
  /** as_of + horizon: from then on (once the data reaches it) the run is measured. */
  measurableOn: string;
  outcome: SavedRunOutcome | null;
  drift: RunDriftSummary;
}

/** A model version's runs together: AUC, PR-AUC and Brier as means over its measured runs; the cohort pooled. */
export interface VersionHealth {
  version: string;
  runs: number;
  measured: number;
  meanAuc: number;
  meanPrAuc: number;
  meanBrier: number;
  atRisk: OutcomeScores["atRisk"];
  mrr: OutcomeScores["mrr"];
  /** What the model promised when it was trained. */
  promised: { validationAuc: number | null; testAuc: number | null };
}

export interface ModelHealth {
  psiThreshold: number;
  runs: RunHealth[];
  versions: VersionHealth[];
  /** The newest run's full drift (every feature's bins), for charts; null when it has none. */
  latestDrift: { runId: number; asOf: string; drift: RunDrift } | null;
}

const mean = (xs: number[]) => {
  const finite = xs.filter(Number.isFinite);
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : Number.NaN;
};

function summarizeDrift(drift: RunDrift, psiThreshold: number): RunDriftSummary {
  const flagged = drift.features.filter((f) => f.psi > psiThreshold).sort((a, b) => b.psi - a.psi);
  return {
    available: true,
    scorePsi: drift.score.psi,
    maxPsi: Math.max(0, ...drift.features.map((f) => f.psi)),
    features: drift.features.length,
    flagged,
    scoreFlagged: drift.score.psi > psiThreshold,
  };
}

/**
 * The model-health view of the latest `take` risk runs (oldest first): realised outcomes as saved by
 * refreshRunOutcomes, pending runs with the date they become measurable, drift flagged above
 * `psiThreshold`, and each model version's runs together beside its validation and test AUC.
 */
export async function loadModelHealth(options: {
  db: Database;
  psiThreshold: number;
  take?: number;
}): Promise<ModelHealth> {
  const { db, psiThreshold, take = 60 } = options;
  const [rows, { versions }, records] = await Promise.all([
    listRunHealth(db, take),
    listModels(db),
    listModelVersions(db),
  ]);
  const horizonOf = horizonsOf(versions);
  const dirOf = new Map(records.map((r) => [r.version, r.dir]));
  let latestDrift: ModelHealth["latestDrift"] = null;
  const runs = rows.map((r): RunHealth => {
    const asOfDay = dayNumber(r.asOf.getTime());
    const asOf = dayToIsoDate(asOfDay);
    const outcome = r.outcome === null ? null : readRunOutcome(r.outcome, r.runId);
    let drift: RunDriftSummary;
    if (r.drift !== null) {
      const full = readRunDrift(r.drift, r.runId);
      latestDrift = { runId: r.runId, asOf, drift: full };
      drift = summarizeDrift(full, psiThreshold);
    } else {
      const dir = dirOf.get(r.modelVersion);
      drift = {
        available: false,
        reason:
          dir && !existsSync(join(dir, TRAINING_DISTRIBUTION_FILE))
            ? `not available for models trained before training distributions were saved (${r.modelVersion} has no ` +
              `${TRAINING_DISTRIBUTION_FILE}; retrain with \`npx retain train\`)`
            : "not available for runs scored before drift was measured (score the date again to measure it)",
      };
    }
    return {
      runId: r.runId,
      asOf,
      modelVersion: r.modelVersion,
      scored: r.scored,
      atRisk: r.atRisk,
      status: outcome ? "measured" : "pending",
      measurableOn: dayToIsoDate(asOfDay + horizonOf(r.modelVersion)),
      outcome,
      drift,
    };
  });
  const byVersion = new Map<string, RunHealth[]>();
  for (const run of runs) byVersion.set(run.modelVersion, [...(byVersion.get(run.modelVersion) ?? []), run]);
  const summaries = new Map(versions.map((v) => [v.version, v]));
  return {
    psiThreshold,
    runs,
    versions: [...byVersion.entries()].map(([version, list]) => {
      const measured = list.flatMap((r) => (r.outcome ? [r.outcome.overall] : []));
      const sum = (f: (o: OutcomeScores) => number) => measured.reduce((s, o) => s + f(o), 0);
      const flagged = sum((o) => o.atRisk.flagged);
      const caught = sum((o) => o.atRisk.caught);
      const churned = sum((o) => o.churned);
      const model = summaries.get(version);
      return {
        version,
        runs: list.length,
        measured: measured.length,
        meanAuc: mean(measured.map((o) => o.auc)),
        meanPrAuc: mean(measured.map((o) => o.prAuc)),
        meanBrier: mean(measured.map((o) => o.brier)),
        atRisk: {
          flagged,
          caught,
          precision: flagged ? caught / flagged : Number.NaN,
          recall: churned ? caught / churned : Number.NaN,
        },
        mrr: { churned: sum((o) => o.mrr.churned), caught: sum((o) => o.mrr.caught) },
        promised: { validationAuc: model?.validation.auc ?? null, testAuc: model?.test?.auc ?? null },
      };
    }),
    latestDrift,
  };
}
