import { Router } from "express";
import type { Database } from "../../db/index.ts";
import { parseBody, parseInput, requireRole } from "../../http/index.ts";
import { getModel, listModels, promoteModel, rollbackModel } from "../../model/index.ts";
import { acknowledgeHealthAlert } from "../../alerts/index.ts";
import {
  alertParamsSchema,
  emptyBodySchema,
  modelParamsSchema,
  promoteBodySchema,
} from "../schemas/request-schemas.ts";

/**
 * GET /api/v1/models and /models/:version (any role): versions, scores, validation curves and
 * feature importance. POST /models/:version/promote and /models/rollback: admin only.
 */
export function modelRoutes(deps: {
  db: Database;
  /** The promotion rule's settings (RETAIN_PROMOTION_*); default: its defaults. */
  modelHealth?: { resamples: number; logLossTolerance: number };
}): Router {
  const router = Router();
  const { db } = deps;
  router.get("/models", requireRole("viewer"), async (_req, res) => {
    res.json(await listModels(db));
  });
  router.get("/models/:version", requireRole("viewer"), async (req, res) => {
    res.json(await getModel(db, parseInput(modelParamsSchema, req.params, "path parameter").version));
  });
  router.post("/models/rollback", requireRole("admin"), async (req, res) => {
    parseBody(emptyBodySchema, req.body ?? {});
    res.json(await rollbackModel({ db, actor: req.principal?.actor }));
  });
  router.post("/models/alerts/:id/acknowledge", requireRole("admin"), async (req, res) => {
    const { id } = parseInput(alertParamsSchema, req.params, "path parameter");
    parseBody(emptyBodySchema, req.body ?? {});
    res.json(await acknowledgeHealthAlert({ db, id, by: req.principal!.actor }));
  });
  router.post("/models/:version/promote", requireRole("admin"), async (req, res) => {
    const { version } = parseInput(modelParamsSchema, req.params, "path parameter");
    const body = parseBody(promoteBodySchema, req.body ?? {});
    const rule = deps.modelHealth;
    res.json(
      await promoteModel({
        db,
        version,
        force: body.force,
        actor: req.principal?.actor,
        resamples: rule?.resamples,
        logLossTolerance: rule?.logLossTolerance,
      }),
    );
  });
  return router;
}
