import type { Database } from "../../db/index.ts";
import { isoDateToDay } from "../../db/index.ts";
import { usageSpan } from "../../db/repositories/feature-aggregates.ts";
import {
  activateModelVersion,
  findActiveModelVersion,
  findModelVersion,
  listModelEvents,
  ModelAction,
  ModelStatus,
  updateModelMetrics,
} from "../../db/repositories/model-versions.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { readRegistryMetrics, writeRegistryMetrics } from "./registry-metrics-format.ts";
import { readRegistryTraining } from "./registry-training-format.ts";
import { snapshotTable } from "./snapshot-table.ts";
import { evaluateActive } from "./train-from-database.ts";

export interface PromotionResult {
  version: string;
  previous: string | null;
  forced: boolean;
  candidateAuc: number | null;
  activeAuc: number | null;
}

/**
 * Makes a candidate the active model — only if it beats the active one on the same rows (the
 * candidate's untouched test dates), unless forced. An active model that cannot score today's
 * features (trained by an older Retain) does not block promotion. Only models trained
 * from the database can score customers.
 */
export async function promoteModel(options: {
  db: Database;
  version: string;
  force?: boolean;
  backend?: string;
}): Promise<PromotionResult> {
  const { db, version, force = false } = options;
  const candidate = await findModelVersion(db, version);
  if (!candidate) throw new AppError(ErrorCode.NotFound, `no model version "${version}" (see \`retain models list\`)`);
  if (candidate.source !== "database") {
    throw new AppError(
      ErrorCode.Conflict,
      `model ${version} was trained from a CSV file; only models trained from the database (\`retain train\`) can score customers`,
    );
  }
  if (candidate.status === ModelStatus.Active)
    throw new AppError(ErrorCode.Conflict, `model ${version} is already active`);
  const active = await findActiveModelVersion(db);
  const metrics = readRegistryMetrics(candidate.metrics, version);
  // Models are compared on the candidate's untouched test window (older versions: validation).
  const candidateAuc = (metrics.test ?? metrics.validation).auc;
  let activeAuc: number | null = null;
  if (active && active.source === "database") {
    let comparison = metrics.active;
    if (comparison?.version !== active.version) {
      // The active model changed since training: compare again on the candidate's test dates.
      const training = readRegistryTraining(candidate.training, candidate);
      if (training.source !== "database")
        throw new AppError(
          ErrorCode.Conflict,
          `model ${version} was not trained from the database: its training record says ${training.source}`,
        );
      const { last } = await usageSpan(db);
      const asOf = training.asOf.test.length ? training.asOf.test : training.asOf.validation;
      const { table } = await snapshotTable({
        db,
        asOfDays: asOf.map(isoDateToDay),
        horizonDays: training.horizonDays,
        dataEndDay: last ?? 0,
      });
      comparison = await evaluateActive(db, table, options.backend);
      await updateModelMetrics(
        db,
        version,
        writeRegistryMetrics({
          ...metrics,
          active: comparison,
          beatsActive: !comparison || candidateAuc > comparison.metrics.auc,
        }),
      );
    }
    activeAuc = comparison?.metrics.auc ?? null;
    if (comparison && !force && !(candidateAuc > comparison.metrics.auc)) {
      throw new AppError(
        ErrorCode.Conflict,
        `model ${version} (test AUC ${candidateAuc.toFixed(4)}) does not beat the active model ` +
          `${active.version} (AUC ${comparison.metrics.auc.toFixed(4)}) on the same test rows; use --force ` +
          `to promote it anyway`,
      );
    }
  }
  const { previous } = await activateModelVersion(db, {
    version,
    action: ModelAction.Promote,
    reason: force ? "forced" : undefined,
  });
  return { version, previous, forced: force, candidateAuc, activeAuc };
}

/** Returns to the model that was active before the current one. */
export async function rollbackModel(options: { db: Database }): Promise<{ version: string; from: string }> {
  const { db } = options;
  const active = await findActiveModelVersion(db);
  if (!active) throw new AppError(ErrorCode.Conflict, "no active model to roll back");
  const events = await listModelEvents(db, 1000);
  const activation = events.find((e) => e.version === active.version);
  if (!activation?.previous)
    throw new AppError(
      ErrorCode.Conflict,
      `nothing to roll back to: model ${active.version} was the first active model`,
    );
  await activateModelVersion(db, {
    version: activation.previous,
    action: ModelAction.Rollback,
    reason: `rollback from ${active.version}`,
  });
  return { version: activation.previous, from: active.version };
}
