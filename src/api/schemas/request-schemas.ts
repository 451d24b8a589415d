import { z } from "zod";
import { ROLES } from "../../auth/index.ts";
import { CONTACT_CHANNELS } from "../../customers/index.ts";
import { email, isoTimestamp, oneOf, strictObject, text, wholeNumber } from "../../http/index.ts";

// The API's own bodies and parameters; the at-risk query and the customer id, which the pages read too, are in http/.

export const ownerBodySchema = strictObject({
  email: email.nullable().describe("the owner CSM; null removes the override (the imported owner_email applies again)"),
});

export const snoozeBodySchema = strictObject({
  days: wholeNumber(1, 365).describe("snoozed for this many days from now: off the at-risk list, no follow-up emails"),
  reason: text({ max: 500, what: "a snooze reason" }).optional().describe("why (shown on the customer's timeline)"),
});

export const noteBodySchema = strictObject({ body: text({ max: 5000, what: "a note" }) });

export const contactedBodySchema = strictObject({
  at: isoTimestamp
    .optional()
    .describe("when the customer was contacted (default now); counts for the follow-up frequency cap"),
  channel: oneOf(CONTACT_CHANNELS as [string, ...string[]])
    .optional()
    .describe("how the customer was reached (default other)"),
});

export const noteParamsSchema = strictObject({
  id: text({ max: 200, what: "a customer id" }),
  noteId: wholeNumber(1, 2_147_483_647),
});

export const customerQuerySchema = strictObject({
  kinds: text({ max: 200, what: "a list of timeline kinds" })
    .optional()
    .describe("comma-separated timeline kinds to keep: ticket, survey, email, note, owner, snooze, contact, risk"),
});

export const modelParamsSchema = strictObject({ version: text({ max: 100, what: "a model version" }) });

export const alertParamsSchema = strictObject({ id: wholeNumber(1, 2_147_483_647) });

export const promoteBodySchema = strictObject({
  force: z
    .boolean({ error: "true or false" })
    .default(false)
    .describe("promote even if it does not beat the active model on the same validation data"),
});

export const emptyBodySchema = strictObject({});

export const signInBodySchema = strictObject({
  email: text({ max: 320, what: "a user's email" }).optional().describe("a user's email (with password)"),
  password: z.string({ error: "a password" }).max(200).optional().describe("the user's password (with email)"),
  key: text({ max: 200, what: "an API key" }).optional().describe("or an API key instead of email and password"),
});

export const createUserBodySchema = strictObject({
  email: text({ max: 320, what: "an email address" }),
  name: text({ max: 200, what: "a name" }),
  role: oneOf(ROLES as [string, ...string[]]),
});

export const changeUserBodySchema = strictObject({
  name: text({ max: 200, what: "a name" }).optional(),
  role: oneOf(ROLES as [string, ...string[]]).optional(),
  disabled: z
    .boolean({ error: "true or false" })
    .optional()
    .describe("true revokes the user (their sessions end at once); false restores them"),
});

export const userParamsSchema = strictObject({ id: wholeNumber(1, 2_147_483_647) });

export const createKeyBodySchema = strictObject({
  role: oneOf(ROLES as [string, ...string[]]),
  name: text({ max: 100, what: "a name" }).optional(),
});

export const keyParamsSchema = strictObject({
  prefix: z.string().regex(/^[0-9a-f]{8}$/, { error: "an 8-character key prefix (hex)" }),
});
