import type { Database } from "../db/index.ts";
import { dayToIsoDate } from "../db/index.ts";
import {
  abandonRiskRuns,
  completeRiskRun,
  discardRiskRun,
  findPreviousRiskRun,
  heartbeatRiskRun,
  insertRiskScores,
  loadRunScores,
  startRiskRun,
  type RiskScoreRow,
} from "../db/repositories/risk-runs.ts";
import { ABANDONED_AFTER_MS, HEARTBEAT_MS, INSTANCE_ID } from "../db/run-owner.ts";
import {
  buildFeatureFrame,
  flattenFeatureRow,
  writeDrivers,
  type Driver,
  type FeatureFrame,
} from "../features/index.ts";
import { moduleLogger } from "../logger.ts";
import { readTrainingDistribution, type TrainingDistribution } from "../model/index.ts";
import { loadActiveModel } from "../model/registry/load-active-model.ts";
import { createRunBinCounter, type RunBinCounts, saveRunDriftOf } from "../monitoring/index.ts";
import { applyAtRiskRule, parseAtRiskRule, riskBand, riskChange, type AtRiskRule } from "./at-risk-rule.ts";
import { explainChunk } from "./explain-chunk.ts";
import { writeScoresCsv } from "./write-scores-csv.ts";

const log = moduleLogger("scoring");
const CHUNK = 5_000;

export interface ScoreResult {
  runId: number;
  asOf: string;
  modelVersion: string;
  rule: AtRiskRule;
  scored: number;
  atRisk: number;
  bands: Record<string, number>;
  durationMs: number;
}

export interface ScoreProgress {
  phase: "features" | "scoring" | "writing";
  done: number;
  total: number;
}

/**
 * Scores every current customer at an as-of day with the active model and writes a risk
 * run: probability, band, top-3 drivers in words, change since the previous run. The run
 * becomes visible (replacing an earlier run of the same date) only once complete. Runs left
 * building by a process that died are first marked abandoned and their scores removed.
 */
export async function scoreCustomers(options: {
  db: Database;
  asOfDay: number;
  /** `threshold:P`, `top:N` or `revenue:AMOUNT`; default: the model's validated threshold. */
  rule?: string;
  backend?: string;
  /** Also write every scored customer (probability, band, at_risk, drivers, features) to this CSV file. */
  outFile?: string;
  onProgress?: (p: ScoreProgress) => void;
  /** The owner recorded on the run (default this process, host:pid). */
  instance?: string;
  /** A building run without a heartbeat for this long is abandoned (default 10 min). */
  staleAfterMs?: number;
}): Promise<ScoreResult> {
  const { db, asOfDay, onProgress, instance = INSTANCE_ID, staleAfterMs = ABANDONED_AFTER_MS } = options;
  const started = performance.now();
  for (const run of await abandonRiskRuns(db, { staleAfterMs }))
    log.warn(run, "an earlier risk run was abandoned; its scores are removed");
  const { record, model } = await loadActiveModel(db, { backend: options.backend });
  try {
    const rule = parseAtRiskRule(options.rule, record.threshold);
    const asOf = new Date(asOfDay * 86_400_000);
    onProgress?.({ phase: "features", done: 0, total: 1 });
    const frame = await buildFeatureFrame({ db, asOfDay, dataEndDay: null });
    const flat = frame.rows.map(flattenFeatureRow);
    const probabilities = new Float32Array(flat.length);
    const reasons: Driver[][] = new Array(flat.length);
    for (let i = 0; i < flat.length; i += CHUNK) {
      const chunk = flat.slice(i, i + CHUNK);
      const explained = explainChunk({ model, rows: chunk, metrics: frame.metrics, horizonDays: frame.horizonDays });
      probabilities.set(explained.probabilities, i);
      for (let j = 0; j < explained.drivers.length; j++) reasons[i + j] = explained.drivers[j];
      onProgress?.({ phase: "scoring", done: Math.min(i + CHUNK, flat.length), total: flat.length });
    }
    const drivers = reasons.map((d) => writeDrivers(d));
    const distribution = await readTrainingDistribution(record.dir);
    const drift = distribution ? countRunBins({ distribution, frame, probabilities }) : null;
    const flags = applyAtRiskRule(
      rule,
      frame.rows.map((r, i) => ({ probability: probabilities[i], mrr: r.mrr })),
    );
    const previousRun = await findPreviousRiskRun(db, asOf);
    const previous = previousRun ? await loadRunScores(db, previousRun.id) : new Map();
    const bands: Record<string, number> = { high: 0, medium: 0, low: 0 };
    const scores: RiskScoreRow[] = frame.rows.map((r, i) => {
      const probability = probabilities[i];
      const band = riskBand(probability, record.threshold);
      bands[band]++;
      const before = previous.get(r.customerId);
      return {
        customerId: r.customerId,
        probability,
        band,
        atRisk: flags[i],
        mrr: r.mrr,
        drivers: drivers[i],
        previous: before?.probability ?? null,
        change: riskChange({ probability, atRisk: flags[i] }, before),
      };
    });
    onProgress?.({ phase: "writing", done: 0, total: scores.length });
    const runId = await startRiskRun(db, { asOf, modelVersion: record.version, rule: JSON.stringify(rule), instance });
    const heartbeat = setInterval(
      () => heartbeatRiskRun(db, runId).catch((e) => log.warn({ err: e }, "heartbeat failed")),
      HEARTBEAT_MS,
    );
    try {
      await insertRiskScores(db, runId, scores);
      // After the scores are stored, before the run is visible: the file and the run agree.
      if (options.outFile)
        await writeScoresCsv({ file: options.outFile, frame: frame as FeatureFrame, scores, reasons });
      const atRisk = flags.filter(Boolean).length;
      const durationMs = performance.now() - started;
      await completeRiskRun(db, runId, { scored: scores.length, atRisk, durationMs });
      onProgress?.({ phase: "writing", done: scores.length, total: scores.length });
      if (distribution && drift)
        // Drift is a report on the run, not part of it: a failure to save it leaves the run standing.
        await saveRunDriftOf({ db, runId, modelVersion: record.version, distribution, counts: drift }).catch((e) =>
          log.warn({ err: e, runId }, "the run's drift could not be saved"),
        );
      const result = {
        runId,
        asOf: dayToIsoDate(asOfDay),
        modelVersion: record.version,
        rule,
        scored: scores.length,
        atRisk,
        bands,
        durationMs,
      };
      log.info(result, "risk run complete");
      return result;
    } catch (error) {
      await discardRiskRun(db, runId).catch(() => undefined);
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  } finally {
    model.dispose();
  }
}

/** The run's feature values and scores in the training bins, in one pass over the customers in memory. */
function countRunBins(options: {
  distribution: TrainingDistribution;
  frame: { rows: readonly { values: Readonly<Record<string, number | string | null>> }[] };
  probabilities: Float32Array;
}): RunBinCounts {
  const started = performance.now();
  const counter = createRunBinCounter(options.distribution);
  counter.addRows(options.frame.rows);
  counter.addScores(options.probabilities);
  log.debug({ rows: options.frame.rows.length, ms: performance.now() - started }, "drift bins counted");
  return counter.counts();
}
