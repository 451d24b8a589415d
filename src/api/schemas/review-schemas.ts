import { z } from "zod";
import { strictObject, text, wholeNumber } from "../../http/index.ts";

// The review queue's requests (outreach/): a held email's id, the send-now and skip bodies.

export const reviewParamsSchema = z.object({ id: wholeNumber(1, Number.MAX_SAFE_INTEGER) });

export const reviewSendBodySchema = strictObject({
  subject: text({ max: 250, what: "a subject" }).optional().describe("the edited subject; left out: as rendered"),
  text: text({ max: 20_000, what: "an email text" })
    .optional()
    .describe("the edited plain text (the HTML part is made from it); left out: as rendered"),
});

export const reviewSkipBodySchema = strictObject({
  reason: text({ max: 500, what: "a reason" }).describe("why it is not sent (kept with who and when)"),
});
