import { Router } from "express";
import {
  addCustomerNote,
  assignOwner,
  getCustomerDetail,
  markContacted,
  snoozeCustomer,
  unsnoozeCustomer,
} from "../../customers/index.ts";
import type { Database } from "../../db/index.ts";
import { customerParamsSchema, parseBody, parseInput, requireRole } from "../../http/index.ts";
import { contactedBodySchema, noteBodySchema, ownerBodySchema, snoozeBodySchema } from "../schemas/request-schemas.ts";

/**
 * GET /api/v1/customers/:id (any role): the customer view. CSM actions (csm or admin):
 * PUT …/owner, POST …/snooze, DELETE …/snooze, POST …/notes, POST …/contacted.
 * `:id` is the customer_id the customer was imported with.
 */
export function customerRoutes(deps: { db: Database }): Router {
  const router = Router();
  const { db } = deps;
  const id = (params: unknown) => parseInput(customerParamsSchema, params, "path parameter").id;

  router.get("/customers/:id", requireRole("viewer"), async (req, res) => {
    res.json(await getCustomerDetail(db, id(req.params)));
  });
  router.put("/customers/:id/owner", requireRole("csm"), async (req, res) => {
    const body = parseBody(ownerBodySchema, req.body);
    res.json(await assignOwner(db, { customerId: id(req.params), email: body.email }));
  });
  router.post("/customers/:id/snooze", requireRole("csm"), async (req, res) => {
    const body = parseBody(snoozeBodySchema, req.body);
    res.json(await snoozeCustomer(db, { customerId: id(req.params), days: body.days }));
  });
  router.delete("/customers/:id/snooze", requireRole("csm"), async (req, res) => {
    res.json(await unsnoozeCustomer(db, { customerId: id(req.params) }));
  });
  router.post("/customers/:id/notes", requireRole("csm"), async (req, res) => {
    const body = parseBody(noteBodySchema, req.body);
    res
      .status(201)
      .json(await addCustomerNote(db, { customerId: id(req.params), author: req.principal!.name, body: body.body }));
  });
  router.post("/customers/:id/contacted", requireRole("csm"), async (req, res) => {
    const body = parseBody(contactedBodySchema, req.body ?? {});
    res.json(await markContacted(db, { customerId: id(req.params), at: body.at }));
  });
  return router;
}
