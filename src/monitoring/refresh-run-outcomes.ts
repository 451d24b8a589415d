import { type Database, dayNumber, dayToIsoDate } from "../db/index.ts";
import { lastDataDay } from "../db/repositories/feature-aggregates.ts";
import {
  listUnmeasuredRuns,
  readRunOutcomeRows,
  removeStaleRunHealth,
  saveRunOutcome,
} from "../db/repositories/run-health.ts";
import { moduleLogger } from "../logger.ts";
import { listModels } from "../model/index.ts";
import { measureRunOutcome, NO_GROUP } from "./measure-run-outcome.ts";
import { writeRunOutcome } from "./run-outcome-format.ts";
import { horizonsOf } from "./run-horizons.ts";

const log = moduleLogger("monitoring");
const DAY_MS = 86_400_000;

/** What a refresh did: the runs it measured and those whose horizon has not passed in the data yet. */
export interface RefreshOutcome {
  measured: { runId: number; asOf: string }[];
  pending: { runId: number; asOf: string; measurableOn: string }[];
}

/**
 * Measures every complete risk run whose horizon has passed in the data (the latest usage day ≥
 * as_of + horizon) and that has no outcome yet, against who churned within (as_of, as_of + horizon];
 * runs still inside their horizon are left pending, never scored. Outcomes of replaced runs go.
 */
export async function refreshRunOutcomes(options: { db: Database }): Promise<RefreshOutcome> {
  const { db } = options;
  await removeStaleRunHealth(db);
  const [runs, dataEnd, { versions }] = await Promise.all([listUnmeasuredRuns(db), lastDataDay(db), listModels(db)]);
  const horizonOf = horizonsOf(versions);
  const result: RefreshOutcome = { measured: [], pending: [] };
  for (const run of runs) {
    const asOfDay = dayNumber(run.asOf.getTime());
    const horizonDays = horizonOf(run.modelVersion);
    const asOf = dayToIsoDate(asOfDay);
    if (dataEnd === null || dataEnd < asOfDay + horizonDays) {
      result.pending.push({ runId: run.runId, asOf, measurableOn: dayToIsoDate(asOfDay + horizonDays) });
      continue;
    }
    const rows = await readRunOutcomeRows(db, {
      runId: run.runId,
      asOf: run.asOf,
      horizonEnd: new Date((asOfDay + horizonDays + 1) * DAY_MS),
    });
    const outcome = measureRunOutcome({
      probability: Float64Array.from(rows.probability),
      churned: Uint8Array.from(rows.churned),
      atRisk: Uint8Array.from(rows.atRisk),
      mrr: Float64Array.from(rows.mrr),
      segment: rows.segment.map((s) => s ?? NO_GROUP),
      plan: rows.plan.map((s) => s ?? NO_GROUP),
    });
    await saveRunOutcome(
      db,
      run.runId,
      writeRunOutcome({ ...outcome, horizonDays, dataThrough: dayToIsoDate(dataEnd) }),
    );
    result.measured.push({ runId: run.runId, asOf });
  }
  if (result.measured.length)
    log.info({ measured: result.measured.length, pending: result.pending.length }, "run outcomes");
  return result;
}
