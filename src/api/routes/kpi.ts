import { Router } from "express";
import type { Database } from "../../db/index.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { buildKpiReport, parseKpiOptions, type KpiOptionsInput } from "../../kpi/index.ts";
import { requireRole } from "../../http/index.ts";

const PARAMS: (keyof KpiOptionsInput)[] = ["period", "by", "windowDays", "spend", "now"];

/** Query parameters as single strings; unknown or repeated parameters are a 400. */
function readQuery(query: Record<string, unknown>): KpiOptionsInput {
  const input: KpiOptionsInput = {};
  for (const [name, value] of Object.entries(query)) {
    if (!(PARAMS as string[]).includes(name)) {
      throw new AppError(ErrorCode.BadInput, `expected query parameters ${PARAMS.join(", ")}, found "${name}"`);
    }
    if (typeof value !== "string")
      throw new AppError(ErrorCode.BadInput, `${name}: expected one value, found ${JSON.stringify(value)}`);
    input[name as keyof KpiOptionsInput] = value;
  }
  return input;
}

/** GET /api/v1/kpis?period=…&by=…&windowDays=…&spend=…&now=…: the KPI report (any role). */
export function kpiRoutes(deps: { db: Database }): Router {
  const router = Router();
  router.get("/kpis", requireRole("viewer"), async (req, res) => {
    const options = parseKpiOptions(readQuery(req.query as Record<string, unknown>));
    res.json(await buildKpiReport(deps.db, options));
  });
  return router;
}
