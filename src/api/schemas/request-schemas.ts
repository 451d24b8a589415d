import { z } from "zod";
import { ROLES } from "../../auth/index.ts";
import { booleanText, email, isoTimestamp, oneOf, strictObject, text, wholeNumber } from "./fields.ts";

/** The at-risk list's filters (also the CSV export's query). */
export const atRiskFilterShape = {
  band: oneOf(["high", "medium", "low"]).optional().describe("risk band of the latest run"),
  plan: text({ max: 200, what: "a plan name" }).optional(),
  segment: text({ max: 200, what: "a segment name" }).optional(),
  owner: text({ max: 320, what: "an owner email (or none)" }).optional().describe("the owner CSM's email, the override if set; `none` = customers nobody owns"),
  hasOpenTicket: booleanText.optional().describe("true: only customers with an open or pending ticket; false: only those without"),
  scope: oneOf(["at_risk", "all"]).default("at_risk").describe("at_risk (default): the run's at-risk customers; all: every scored customer"),
  sort: oneOf(["risk", "mrrAtRisk", "change"]).default("risk").describe("risk = probability, mrrAtRisk = probability × MRR, change = probability − the previous run's"),
  order: oneOf(["desc", "asc"]).default("desc"),
};

export const atRiskQuerySchema = strictObject({
  ...atRiskFilterShape,
  limit: wholeNumber(1, 500).default(50),
  offset: wholeNumber(0, 1_000_000).default(0),
  cursor: text({ max: 400, what: "a cursor from nextCursor" }).optional().describe("the nextCursor of the previous page (keyset pagination; replaces offset)"),
});
export type AtRiskQuery = z.output<typeof atRiskQuerySchema>;

export const atRiskCsvQuerySchema = strictObject(atRiskFilterShape);

/** Path parameter: a customer's id as imported (customer_id of customers.csv). */
export const customerParamsSchema = strictObject({ id: text({ max: 200, what: "a customer id" }) });

export const ownerBodySchema = strictObject({
  email: email.nullable().describe("the owner CSM; null removes the override (the imported owner_email applies again)"),
});

export const snoozeBodySchema = strictObject({
  days: wholeNumber(1, 365).describe("snoozed for this many days from now: off the at-risk list, no follow-up emails"),
});

export const noteBodySchema = strictObject({ body: text({ max: 5000, what: "a note" }) });

export const contactedBodySchema = strictObject({
  at: isoTimestamp.optional().describe("when the customer was contacted (default now); counts for the follow-up frequency cap"),
});

export const modelParamsSchema = strictObject({ version: text({ max: 100, what: "a model version" }) });

export const promoteBodySchema = strictObject({
  force: z.boolean({ error: "true or false" }).default(false).describe("promote even if it does not beat the active model on the same validation data"),
});

export const emptyBodySchema = strictObject({});

export const signInBodySchema = strictObject({ key: text({ max: 200, what: "an API key" }) });

export const createKeyBodySchema = strictObject({
  role: oneOf(ROLES as [string, ...string[]]),
  name: text({ max: 100, what: "a name" }).optional(),
});

export const keyParamsSchema = strictObject({ prefix: z.string().regex(/^[0-9a-f]{8}$/, { error: "an 8-character key prefix (hex)" }) });

/** The KPI page's query: the KPI route's parameters (validated again by parseKpiOptions). */
export const kpiPageQuerySchema = strictObject({
  period: text({ max: 40, what: "a period" }).optional(),
  windowDays: text({ max: 10, what: "a number of days" }).optional(),
  now: text({ max: 10, what: "a day YYYY-MM-DD" }).optional(),
});

export const modelPageQuerySchema = strictObject({ version: text({ max: 100, what: "a model version" }).optional() });

export const outreachPageQuerySchema = strictObject({
  status: text({ max: 40, what: "a decision status" }).optional(),
  reason: text({ max: 40, what: "a reason" }).optional(),
  play: text({ max: 100, what: "a play" }).optional(),
  before: wholeNumber(1, Number.MAX_SAFE_INTEGER).optional(),
});
