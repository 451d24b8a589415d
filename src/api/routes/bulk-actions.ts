import { Router } from "express";
import { bulkAssignOwner, bulkSnoozeCustomers } from "../../customers/index.ts";
import type { Database } from "../../db/index.ts";
import { parseBody, requireRole } from "../../http/index.ts";
import { bulkOwnerBodySchema, bulkSnoozeBodySchema } from "../schemas/bulk-schemas.ts";

/**
 * The bulk CSM actions (csm or admin), each one transaction over up to 500 customers — all change or none:
 * POST /api/v1/bulk/snooze {customerIds, until, reason?} and POST /api/v1/bulk/owner {customerIds, email | null}.
 * 404 names unknown customers, 409 churned ones.
 */
export function bulkActionRoutes(deps: { db: Database }): Router {
  const router = Router();
  router.post("/bulk/snooze", requireRole("csm"), async (req, res) => {
    const body = parseBody(bulkSnoozeBodySchema, req.body);
    res.json(await bulkSnoozeCustomers(deps.db, { ...body, actor: req.principal!.name }));
  });
  router.post("/bulk/owner", requireRole("csm"), async (req, res) => {
    const body = parseBody(bulkOwnerBodySchema, req.body);
    res.json(
      await bulkAssignOwner(deps.db, { customerIds: body.customerIds, owner: body.email, actor: req.principal!.name }),
    );
  });
  return router;
}
