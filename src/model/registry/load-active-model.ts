import type { Database } from "../../db/index.ts";
import { findActiveModelVersion, type ModelVersionRecord } from "../../db/repositories/model-versions.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import type { ChurnModel } from "../churn-model.ts";
import { loadModel } from "../model-store.ts";

/** The active model's registry row and the loaded model; a clear error when there is none. */
export async function loadActiveModel(
  db: Database,
  options: { backend?: string } = {},
): Promise<{ record: ModelVersionRecord; model: ChurnModel }> {
  const record = await findActiveModelVersion(db);
  if (!record) {
    throw new AppError(
      ErrorCode.NoActiveModel,
      "no active model: train one with `npx retain train` and promote it with `npx retain models " +
        "promote VERSION` (or `retain train --promote`)",
    );
  }
  return { record, model: await loadModel(record.dir, options) };
}
