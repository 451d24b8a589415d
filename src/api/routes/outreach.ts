import { Router } from "express";
import { parseDay } from "../../dates/index.ts";
import type { Database } from "../../db/index.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import {
  buildOutreachReport,
  listOutreachLog,
  listUnmatchedTickets,
  LOG_FILTERS,
  type LogFilterInput,
} from "../../outreach/index.ts";
import { requireRole } from "../../http/index.ts";

/** Single-valued, known query parameters; anything else is a 400. */
function readQuery(query: Record<string, unknown>, known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!known.includes(name))
      throw new AppError(ErrorCode.BadInput, `expected query parameters ${known.join(", ")}, found "${name}"`);
    if (typeof value !== "string")
      throw new AppError(ErrorCode.BadInput, `${name}: expected one value, found ${JSON.stringify(value)}`);
    out[name] = value;
  }
  return out;
}

const day = (name: string, value: string | undefined) =>
  value === undefined ? undefined : new Date(parseDay(name, value));

/**
 * GET /api/v1/outreach/report?play=&from=&to= (planned sends in [from, to)),
 * GET /api/v1/outreach/log?status=&reason=&play=&arm=&customer=&ticket=&from=&to=&before=&limit=,
 * GET /api/v1/outreach/unmatched?all=1. Any role.
 */
export function outreachRoutes(deps: { db: Database }): Router {
  const router = Router();
  router.get("/outreach/report", requireRole("viewer"), async (req, res) => {
    const q = readQuery(req.query as Record<string, unknown>, ["play", "from", "to"]);
    res.json(await buildOutreachReport(deps.db, { play: q.play, from: day("from", q.from), to: day("to", q.to) }));
  });
  router.get("/outreach/log", requireRole("viewer"), async (req, res) => {
    res.json(
      await listOutreachLog(deps.db, readQuery(req.query as Record<string, unknown>, LOG_FILTERS) as LogFilterInput),
    );
  });
  router.get("/outreach/unmatched", requireRole("viewer"), async (req, res) => {
    const q = readQuery(req.query as Record<string, unknown>, ["all"]);
    res.json({ items: await listUnmatchedTickets(deps.db, { all: q.all === "1" || q.all === "true" }) });
  });
  return router;
}
