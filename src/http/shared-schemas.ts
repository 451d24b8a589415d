import { z } from "zod";
import { booleanText, oneOf, strictObject, text, wholeNumber } from "./fields.ts";

/** The at-risk list's filters (also the CSV export's query); the API and the at-risk page read the same. */
export const atRiskFilterShape = {
  q: z
    .string({ error: "search text of up to 200 characters" })
    .trim()
    .max(200, { error: "search text of up to 200 characters" })
    .transform((v) => v || undefined)
    .optional()
    .describe("search: a case-insensitive part of the name, the customer id or the email"),
  band: oneOf(["high", "medium", "low"]).optional().describe("risk band of the latest run"),
  plan: text({ max: 200, what: "a plan name" }).optional(),
  segment: text({ max: 200, what: "a segment name" }).optional(),
  owner: text({ max: 320, what: "an owner email (or none)" })
    .optional()
    .describe("the owner CSM's email, the override if set; `none` = customers nobody owns"),
  hasOpenTicket: booleanText
    .optional()
    .describe("true: only customers with an open or pending ticket; false: only those without"),
  scope: oneOf(["at_risk", "newly_at_risk", "no_longer_at_risk", "snoozed", "all"])
    .default("at_risk")
    .describe(
      "at_risk (default): the run's at-risk customers; newly_at_risk / no_longer_at_risk: since the previous " +
        "complete run; snoozed: customers snoozed now; all: every scored customer, snoozed ones included",
    ),
  sort: oneOf(["risk", "mrrAtRisk", "change", "mrr", "name", "renewal"])
    .default("risk")
    .describe(
      "risk = probability, mrrAtRisk = probability × MRR, change = probability − the previous run's, mrr, " +
        "name (the name, else the customer id), renewal (the next renewal date: asc = soonest first; customers " +
        "whose plan has no known cycle come last in both orders)",
    ),
  order: oneOf(["desc", "asc"]).default("desc"),
};

export const atRiskQuerySchema = strictObject({
  ...atRiskFilterShape,
  limit: wholeNumber(1, 500).default(50),
  offset: wholeNumber(0, 1_000_000).default(0),
  cursor: text({ max: 400, what: "a cursor from nextCursor" })
    .optional()
    .describe("the nextCursor of the previous page (keyset pagination; replaces offset)"),
});

export const atRiskCsvQuerySchema = strictObject(atRiskFilterShape);

/** The summary strip's query: the list's filters but the view, the band and the order. */
export const atRiskSummaryQuerySchema = strictObject({
  q: atRiskFilterShape.q,
  plan: atRiskFilterShape.plan,
  segment: atRiskFilterShape.segment,
  owner: atRiskFilterShape.owner,
  hasOpenTicket: atRiskFilterShape.hasOpenTicket,
});

/** Path parameter: a customer's id as imported (customer_id of customers.csv). */
export const customerParamsSchema = strictObject({ id: text({ max: 200, what: "a customer id" }) });
