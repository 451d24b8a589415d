import type { Database } from "../../db/index.ts";
import { dayToIsoDate, isoDateToDay } from "../../db/index.ts";
import { usageSpan } from "../../db/repositories/feature-aggregates.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import type { Metrics } from "../evaluate-predictions.ts";
import { evaluateTable } from "../evaluate-table.ts";
import { loadModel } from "../model-store.ts";
import type { RegistryTraining } from "./registry-training-format.ts";
import { snapshotTable } from "./snapshot-table.ts";

/** Where the evaluated date meets the model's own dates: labels within one horizon of a date it learnt from. */
export interface SeenOverlap {
  /** The model's nearest date it learnt from and that date's role (train, validation, test, refit). */
  nearest: string;
  role: string;
  /** Rows of the evaluated date (all of them overlap: they share the date). */
  rows: number;
  /** true: evaluated anyway (--include-seen); false: left out. */
  included: boolean;
}

export interface AsOfEvaluation {
  /** null when every row was left out as seen. */
  metrics: Metrics | null;
  overlap: SeenOverlap | null;
}

/**
 * A model's metrics on the customers at a past as-of date whose outcome is known. Rows the model
 * learnt from are no test of it: when the date lies within one horizon of one of its training,
 * validation, test or refit dates (their labels overlap), the rows are left out unless `includeSeen`.
 */
export async function evaluateAsOf(options: {
  db: Database;
  modelDir: string;
  asOfDay: number;
  horizonDays?: number;
  training?: RegistryTraining | null;
  includeSeen?: boolean;
  backend?: string;
}): Promise<AsOfEvaluation> {
  const { db, modelDir, asOfDay, horizonDays = 90, includeSeen = false } = options;
  const { first, last } = await usageSpan(db);
  if (last === null || asOfDay + horizonDays > last) {
    throw new AppError(
      ErrorCode.BadInput,
      `outcomes are not known yet: as of ${dayToIsoDate(asOfDay)} + ${horizonDays} days is after the ` +
        `last data day (${last === null ? "none" : dayToIsoDate(last)})`,
    );
  }
  const { table } = await snapshotTable({
    db,
    asOfDays: [asOfDay],
    horizonDays,
    dataEndDay: last,
    usageStartDay: first,
  });
  if (!table.rows.length) throw new AppError(ErrorCode.BadInput, `no customers as of ${dayToIsoDate(asOfDay)}`);
  const seen = nearestSeenDate(options.training ?? null, asOfDay);
  const overlap = seen && { ...seen, rows: table.rows.length, included: includeSeen };
  if (overlap && !includeSeen) return { metrics: null, overlap };
  const model = await loadModel(modelDir, { backend: options.backend });
  try {
    return { metrics: evaluateTable({ model, table, label: "churned", positive: "1" }), overlap };
  } finally {
    model.dispose();
  }
}

/** The model's date nearest to `day` whose label window overlaps it (closer than its horizon); null when none. */
function nearestSeenDate(training: RegistryTraining | null, day: number): { nearest: string; role: string } | null {
  if (training?.source !== "database") return null;
  let best: { nearest: string; role: string; distance: number } | null = null;
  for (const role of ["train", "validation", "test", "refit"] as const) {
    for (const date of training.asOf[role]) {
      const distance = Math.abs(isoDateToDay(date) - day);
      if (distance < training.horizonDays && (!best || distance < best.distance))
        best = { nearest: date, role, distance };
    }
  }
  return best && { nearest: best.nearest, role: best.role };
}
