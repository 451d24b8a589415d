import { Router } from "express";
import type { Database } from "../../db/index.ts";
import { IMPORT_ORDER, ingestRecords, type ImportKind } from "../../ingest/index.ts";
import { requireRole } from "../../http/index.ts";

/** POST /api/v1/{customers,agents,usage,tickets,surveys}: a JSON array of up to 10,000 records. */
export function ingestRoutes(deps: { db: Database; onTicketsChanged?: (ids: number[]) => Promise<void> }): Router {
  const router = Router();
  for (const kind of IMPORT_ORDER) {
    router.post(`/${kind}`, requireRole("csm"), async (req, res) => {
      const result = await ingestRecords({ db: deps.db, kind: kind as ImportKind, records: req.body });
      if (result.changedTicketIds.length) await deps.onTicketsChanged?.(result.changedTicketIds);
      const accepted = result.new + result.updated + result.unchanged;
      const status = result.rejected === 0 ? 200 : accepted > 0 ? 207 : 400;
      const { changedTicketIds: _ids, ...body } = result;
      res.status(status).json(body);
    });
  }
  return router;
}
