import { strictObject, text, wholeNumber } from "../http/index.ts";

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
