import type { SurveyRow } from "../../db/import-rows.ts";
import { CONTRACTS, SURVEY_KINDS, SURVEY_SCALES } from "../contract.ts";
import { parseEnum, parseNumber, parseText, parseTimestamp, Problem } from "../parse-field.ts";
import { RowChecker, type KindSpec } from "./kind-spec.ts";

export const surveysSpec: KindSpec<SurveyRow> = {
  kind: "surveys",
  contract: CONTRACTS.surveys,
  validate(raw, lookups) {
    const c = new RowChecker();
    const customer = c.take("customer_id", parseText(raw.customer_id, true, 200));
    const kindParsed = parseEnum(raw.kind, SURVEY_KINDS, null);
    const kind = c.take("kind", kindParsed === null ? new Problem("missing required value") : kindParsed);
    const [min, max] = kind ? SURVEY_SCALES[kind] : [-Infinity, Infinity];
    const row: SurveyRow = {
      externalId: c.take("response_id", parseText(raw.response_id, true, 200))!,
      customerId: c.ref("customer_id", customer, lookups.customerId, "customer")!,
      kind: kind!,
      score: c.take("score", parseNumber(raw.score, { required: true, min, max, integer: true }))!,
      respondedAt: c.take("responded_at", parseTimestamp(raw.responded_at, true))!,
      ticketId: null,
      comment: c.take("comment", parseText(raw.comment, false, 5000)),
    };
    const ticketRef = c.take("ticket_id", parseText(raw.ticket_id, false, 200));
    if (ticketRef !== null) {
      const ticket = lookups.ticket(ticketRef);
      if (!ticket) c.fail("ticket_id", `unknown ticket_id: no ticket "${ticketRef}" (import tickets first)`);
      else if (row.customerId !== null && ticket.customerId !== row.customerId) {
        c.fail("ticket_id", `ticket "${ticketRef}" belongs to another customer than ${raw.customer_id}`);
      } else row.ticketId = ticket.id;
    }
    return c.result(row);
  },
};
