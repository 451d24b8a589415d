import type { Database } from "../../db/index.ts";
import {
  activateModelVersion,
  findActiveModelVersion,
  findModelVersion,
  listModelEvents,
  ModelAction,
  ModelStatus,
  recordModelEvent,
} from "../../db/repositories/model-versions.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { type Comparison, compareOnTestWindow } from "./compare-on-test-window.ts";
import { judgePromotion, type PromotionVerdict } from "./judge-promotion.ts";
import { readModelVersion } from "./read-model-version.ts";

export interface PromotionResult {
  version: string;
  previous: string | null;
  forced: boolean;
  candidateAuc: number | null;
  activeAuc: number | null;
  /** Both models on the candidate's test-window rows; null when there was nothing to compare with. */
  comparison: Comparison | null;
  verdict: PromotionVerdict | null;
}

/** Defaults of the promotion rule (RETAIN_PROMOTION_RESAMPLES, RETAIN_PROMOTION_LOG_LOSS_TOLERANCE). */
export const PROMOTION_DEFAULTS = { resamples: 1000, logLossTolerance: 0.005 } as const;

/** The decision saved with a model event (model_events.figures). */
export const eventFigures = (comparison: Comparison | null, verdict: PromotionVerdict | null) =>
  comparison ? JSON.stringify({ formatVersion: 1, comparison, verdict }) : undefined;

/**
 * Makes a candidate the active model only when it earns it on the same rows (its untouched test
 * window; see judgePromotion), unless an admin forces it: the event records who. A refusal is a
 * Conflict with the figures and the interval, and is recorded too (the version history shows it).
 * An active model that cannot score today's features (an older Retain) does not block promotion.
 */
export async function promoteModel(options: {
  db: Database;
  version: string;
  force?: boolean;
  /** Who asks: a user's email, an API key's label, "cli:<user>", or "retraining". */
  actor?: string;
  backend?: string;
  resamples?: number;
  logLossTolerance?: number;
}): Promise<PromotionResult> {
  const { db, version, force = false, actor = "unknown" } = options;
  const { resamples = PROMOTION_DEFAULTS.resamples, logLossTolerance = PROMOTION_DEFAULTS.logLossTolerance } = options;
  const candidate = await findModelVersion(db, version);
  if (!candidate) throw new AppError(ErrorCode.NotFound, `no model version "${version}" (see \`retain models list\`)`);
  if (candidate.source !== "database") {
    throw new AppError(
      ErrorCode.Conflict,
      `model ${version} was trained from a CSV file; only models trained from the database (\`retain train\`) can score customers`,
    );
  }
  readModelVersion(candidate); // a row whose saved formats cannot be read is refused here, with the version named
  if (candidate.status === ModelStatus.Active)
    throw new AppError(ErrorCode.Conflict, `model ${version} is already active`);
  const active = await findActiveModelVersion(db);
  let comparison: Comparison | null = null;
  let verdict: PromotionVerdict | null = null;
  if (active && active.source === "database") {
    try {
      comparison = await compareOnTestWindow({ db, candidate, active, resamples, backend: options.backend });
    } catch (error) {
      if (!force) throw error; // an admin may still force a model that cannot be compared
    }
    verdict = comparison && judgePromotion(comparison, { logLossTolerance });
    if (verdict && !verdict.earns && !force) {
      await recordModelEvent(db, {
        version,
        action: ModelAction.Refused,
        previous: active.version,
        reason: `${verdict.misses.join("; ")}: ${verdict.figures}`,
        actor,
        figures: eventFigures(comparison, verdict),
      });
      throw new AppError(
        ErrorCode.Conflict,
        `model ${version} does not earn promotion over the active model ${active.version}: ` +
          `${verdict.misses.join("; ")}; found ${verdict.figures}. An admin can promote it anyway with --force`,
        { refused: true, comparison, verdict },
      );
    }
  }
  const why = verdict ? (verdict.earns ? `earned: ${verdict.figures}` : `forced: ${verdict.figures}`) : undefined;
  const { previous } = await activateModelVersion(db, {
    version,
    action: ModelAction.Promote,
    reason: force ? `forced by ${actor}${why && !verdict?.earns ? ` (${why})` : ""}` : why,
    actor,
    figures: eventFigures(comparison, verdict),
  });
  return {
    version,
    previous,
    forced: force,
    candidateAuc: comparison?.candidate.auc ?? null,
    activeAuc: comparison?.active.auc ?? null,
    comparison,
    verdict,
  };
}

/** Returns to the model that was active before the current one. */
export async function rollbackModel(options: {
  db: Database;
  actor?: string;
}): Promise<{ version: string; from: string }> {
  const { db } = options;
  const active = await findActiveModelVersion(db);
  if (!active) throw new AppError(ErrorCode.Conflict, "no active model to roll back");
  const events = await listModelEvents(db, 1000);
  const activation = events.find(
    (e) => e.version === active.version && (e.action === ModelAction.Promote || e.action === ModelAction.Rollback),
  );
  if (!activation?.previous)
    throw new AppError(
      ErrorCode.Conflict,
      `nothing to roll back to: model ${active.version} was the first active model`,
    );
  await activateModelVersion(db, {
    version: activation.previous,
    action: ModelAction.Rollback,
    reason: `rollback from ${active.version}`,
    actor: options.actor,
  });
  return { version: activation.previous, from: active.version };
}
