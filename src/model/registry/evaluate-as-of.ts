import type { Database } from "../../db/index.ts";
import { dayToIsoDate } from "../../db/index.ts";
import { lastDataDay } from "../../db/repositories/feature-aggregates.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { evaluateTable } from "../evaluate-table.ts";
import type { Metrics } from "../evaluate-predictions.ts";
import { loadModel } from "../model-store.ts";
import { snapshotTable } from "./snapshot-table.ts";

/** A model's metrics on the customers at a past as-of date whose outcome is known. */
export async function evaluateAsOf(options: {
  db: Database;
  modelDir: string;
  asOfDay: number;
  horizonDays?: number;
  backend?: string;
}): Promise<Metrics> {
  const { db, modelDir, asOfDay, horizonDays = 90 } = options;
  const last = await lastDataDay(db);
  if (last === null || asOfDay + horizonDays > last) {
    throw new AppError(
      ErrorCode.BadInput,
      `outcomes are not known yet: as of ${dayToIsoDate(asOfDay)} + ${horizonDays} days is after the ` +
        `last data day (${last === null ? "none" : dayToIsoDate(last)})`,
    );
  }
  const { table } = await snapshotTable({ db, asOfDays: [asOfDay], horizonDays, dataEndDay: last });
  if (!table.rows.length) throw new AppError(ErrorCode.BadInput, `no customers as of ${dayToIsoDate(asOfDay)}`);
  const model = await loadModel(modelDir, { backend: options.backend });
  try {
    return evaluateTable({ model, table, label: "churned", positive: "1" });
  } finally {
    model.dispose();
  }
}
