import { Router } from "express";
import {
  addCustomerNote,
  assignOwner,
  editCustomerNote,
  getCustomerDetail,
  markContacted,
  parseTimelineKinds,
  snoozeCustomer,
  unsnoozeCustomer,
  type ContactChannel,
} from "../../customers/index.ts";
import type { Database } from "../../db/index.ts";
import { customerParamsSchema, parseBody, parseInput, parseQuery, requireRole } from "../../http/index.ts";
import {
  contactedBodySchema,
  customerQuerySchema,
  noteBodySchema,
  noteParamsSchema,
  ownerBodySchema,
  snoozeBodySchema,
} from "../schemas/request-schemas.ts";

/**
 * GET /api/v1/customers/:id (any role; `?kinds=` filters the timeline): the customer view. CSM actions
 * (csm or admin; 409 for a churned customer): PUT …/owner, POST …/snooze, DELETE …/snooze, POST …/notes,
 * PUT …/notes/:noteId (the author only), POST …/contacted. `:id` is the customer_id the customer was imported with.
 */
export function customerRoutes(deps: { db: Database }): Router {
  const router = Router();
  const { db } = deps;
  const id = (params: unknown) => parseInput(customerParamsSchema, params, "path parameter").id;

  router.get("/customers/:id", requireRole("viewer"), async (req, res) => {
    const query = parseQuery(customerQuerySchema, req.query);
    res.json(await getCustomerDetail(db, { customerId: id(req.params), kinds: parseTimelineKinds(query.kinds) }));
  });
  router.put("/customers/:id/owner", requireRole("csm"), async (req, res) => {
    const body = parseBody(ownerBodySchema, req.body);
    res.json(await assignOwner(db, { customerId: id(req.params), email: body.email, actor: req.principal!.actor }));
  });
  router.post("/customers/:id/snooze", requireRole("csm"), async (req, res) => {
    const body = parseBody(snoozeBodySchema, req.body);
    const actor = req.principal!.actor;
    res.json(await snoozeCustomer(db, { customerId: id(req.params), days: body.days, reason: body.reason, actor }));
  });
  router.delete("/customers/:id/snooze", requireRole("csm"), async (req, res) => {
    res.json(await unsnoozeCustomer(db, { customerId: id(req.params), actor: req.principal!.actor }));
  });
  router.post("/customers/:id/notes", requireRole("csm"), async (req, res) => {
    const body = parseBody(noteBodySchema, req.body);
    res
      .status(201)
      .json(await addCustomerNote(db, { customerId: id(req.params), author: req.principal!.actor, body: body.body }));
  });
  router.put("/customers/:id/notes/:noteId", requireRole("csm"), async (req, res) => {
    const params = parseInput(noteParamsSchema, req.params, "path parameter");
    const body = parseBody(noteBodySchema, req.body);
    const author = req.principal!.actor;
    res.json(await editCustomerNote(db, { customerId: params.id, noteId: params.noteId, author, body: body.body }));
  });
  router.post("/customers/:id/contacted", requireRole("csm"), async (req, res) => {
    const body = parseBody(contactedBodySchema, req.body ?? {});
    const channel = body.channel as ContactChannel | undefined;
    res.json(
      await markContacted(db, { customerId: id(req.params), at: body.at, channel, actor: req.principal!.actor }),
    );
  });
  return router;
}
