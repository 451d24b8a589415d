import {
  atRiskCsvQuerySchema,
  atRiskQuerySchema,
  atRiskSummaryQuerySchema,
  customerParamsSchema,
} from "../../http/index.ts";
import {
  contactedBodySchema,
  createKeyBodySchema,
  keyParamsSchema,
  modelParamsSchema,
  alertParamsSchema,
  customerQuerySchema,
  noteBodySchema,
  noteParamsSchema,
  ownerBodySchema,
  promoteBodySchema,
  signInBodySchema,
  snoozeBodySchema,
} from "../schemas/request-schemas.ts";
import { fromZod, parametersOf, s, type Schema } from "./json-schema.ts";
import { json, op } from "./operation.ts";

const customerId = parametersOf(customerParamsSchema, "path");
const stateResponse = { "200": json("the customer's state after the change", "CustomerState") };

/** The operations of the dashboard API: at-risk list, customers and CSM actions, models, session and keys. */
export const dashboardPaths: Record<string, Record<string, Schema>> = {
  "/api/v1/at-risk": {
    get: op({
      summary: "The at-risk list of the latest complete risk run",
      tags: ["at-risk"],
      role: "viewer",
      description:
        "One view (scope), searched (q), filtered, sorted and paginated (limit + offset, or cursor) with the " +
        "total. Churned customers are not listed; snoozed ones (snoozed_until > now) only in the snoozed and all views.",
      parameters: parametersOf(atRiskQuerySchema, "query"),
      responses: { "200": json("one page of the list", "AtRiskList") },
      errors: ["400"],
    }),
  },
  "/api/v1/at-risk/summary": {
    get: op({
      summary: "The at-risk list's summary: count and MRR at risk with the change since the previous run, and more",
      tags: ["at-risk"],
      role: "viewer",
      description:
        "Newly and no longer at risk, snoozed, counts by band and the recent runs' counts, under the list's " +
        "filters but the view and band. Snoozed and churned customers are left out of both runs' figures.",
      parameters: parametersOf(atRiskSummaryQuerySchema, "query"),
      responses: { "200": json("the summary", "AtRiskSummary") },
      errors: ["400"],
    }),
  },
  "/api/v1/at-risk.csv": {
    get: op({
      summary: "The whole filtered at-risk list as CSV",
      tags: ["at-risk"],
      role: "viewer",
      parameters: parametersOf(atRiskCsvQuerySchema, "query"),
      responses: {
        "200": {
          description: "RFC 4180 CSV with a header row (text starting with = + - @ is prefixed with ')",
          content: { "text/csv": { schema: s.str() } },
        },
      },
      errors: ["400"],
    }),
  },
  "/api/v1/customers/{id}": {
    get: op({
      summary: "A customer: risk history, drivers, tickets, surveys, 90-day usage, outreach decisions, notes, timeline",
      tags: ["customers"],
      role: "viewer",
      parameters: [...customerId, ...parametersOf(customerQuerySchema, "query")],
      responses: { "200": json("the customer view", "CustomerDetail") },
      errors: ["400", "404"],
    }),
  },
  "/api/v1/customers/{id}/owner": {
    put: op({
      summary: "Assign the owner CSM (overrides the imported owner_email; null removes the override)",
      tags: ["customer actions"],
      role: "csm",
      parameters: customerId,
      body: { schema: fromZod(ownerBodySchema) },
      responses: stateResponse,
      errors: ["400", "404", "409"],
    }),
  },
  "/api/v1/customers/{id}/snooze": {
    post: op({
      summary: "Snooze for N days: off the at-risk list, no follow-up emails",
      tags: ["customer actions"],
      role: "csm",
      parameters: customerId,
      body: { schema: fromZod(snoozeBodySchema) },
      responses: stateResponse,
      errors: ["400", "404", "409"],
    }),
    delete: op({
      summary: "End a snooze now",
      tags: ["customer actions"],
      role: "csm",
      parameters: customerId,
      responses: stateResponse,
      errors: ["400", "404", "409"],
    }),
  },
  "/api/v1/customers/{id}/notes": {
    post: op({
      summary: "Add a note (author: the signed-in key's name)",
      tags: ["customer actions"],
      role: "csm",
      parameters: customerId,
      body: { schema: fromZod(noteBodySchema) },
      responses: { "201": json("the note as stored", "Note") },
      errors: ["400", "404", "409"],
    }),
  },
  "/api/v1/customers/{id}/notes/{noteId}": {
    put: op({
      summary: "Edit a note (its author only; the edit is kept on the timeline)",
      tags: ["customer actions"],
      role: "csm",
      parameters: parametersOf(noteParamsSchema, "path"),
      body: { schema: fromZod(noteBodySchema) },
      responses: { "200": json("the note as stored", "Note") },
      errors: ["400", "403", "404", "409"],
    }),
  },
  "/api/v1/customers/{id}/contacted": {
    post: op({
      summary: "Mark the customer contacted (counts for the follow-up frequency cap)",
      tags: ["customer actions"],
      role: "csm",
      parameters: customerId,
      body: { schema: fromZod(contactedBodySchema), required: false },
      responses: stateResponse,
      errors: ["400", "404", "409"],
    }),
  },
  "/api/v1/models": {
    get: op({
      summary: "Model versions with test-window and validation scores, the active version, promotions and rollbacks",
      tags: ["models"],
      role: "viewer",
      responses: { "200": json("versions and events", "ModelList") },
    }),
  },
  "/api/v1/models/{version}": {
    get: op({
      summary: "One version: curves (ROC, calibration, lift) on its test window and feature importance",
      tags: ["models"],
      role: "viewer",
      parameters: parametersOf(modelParamsSchema, "path"),
      responses: { "200": json("the version", "ModelDetail") },
      errors: ["400", "404"],
    }),
  },
  "/api/v1/models/{version}/promote": {
    post: op({
      summary: "Make a version the active model (it must beat the active one on the same test rows unless forced)",
      tags: ["models"],
      role: "admin",
      parameters: parametersOf(modelParamsSchema, "path"),
      body: { schema: fromZod(promoteBodySchema), required: false },
      responses: { "200": json("promoted", "PromotionResult") },
      errors: ["400", "404", "409"],
    }),
  },
  "/api/v1/models/alerts/{id}/acknowledge": {
    post: op({
      summary: "Acknowledge a model-health alert (realised AUC below the promise, or drift): its banner goes away",
      tags: ["models"],
      role: "admin",
      parameters: parametersOf(alertParamsSchema, "path"),
      responses: { "200": json("acknowledged", "AlertAcknowledgement") },
      errors: ["400", "404"],
    }),
  },
  "/api/v1/models/rollback": {
    post: op({
      summary: "Return to the model that was active before the current one",
      tags: ["models"],
      role: "admin",
      responses: { "200": json("rolled back", "RollbackResult") },
      errors: ["400", "409"],
    }),
  },
  "/api/v1/session": {
    post: op({
      summary:
        "Sign in with a user's email and password, or an API key: sets the HttpOnly, SameSite=Strict session cookie " +
        "that the pages and the API accept",
      tags: ["session"],
      role: "public",
      body: { schema: fromZod(signInBodySchema) },
      responses: { "200": { ...json("signed in; Set-Cookie: retain_session=…", "SignedIn") } },
      errors: ["400", "401", "403", "429"],
    }),
    get: op({
      summary: "Who the caller is",
      tags: ["session"],
      role: "viewer",
      responses: { "200": json("the caller", "Session") },
    }),
    delete: op({
      summary: "Sign out: clears the session cookie",
      tags: ["session"],
      role: "public",
      responses: { "204": { description: "cookie cleared" } },
    }),
  },
  "/api/v1/keys": {
    get: op({
      summary: "API keys (never their secrets)",
      tags: ["keys"],
      role: "admin",
      responses: { "200": json("all keys", s.obj({ items: s.arr(s.ref("ApiKey")) })) },
    }),
    post: op({
      summary: "Create an API key (the full key is in this response only)",
      tags: ["keys"],
      role: "admin",
      body: { schema: fromZod(createKeyBodySchema) },
      responses: { "201": json("the new key", "CreatedApiKey") },
      errors: ["400"],
    }),
  },
  "/api/v1/keys/{prefix}": {
    delete: op({
      summary: "Revoke a key: its bearer calls and sessions stop at once",
      tags: ["keys"],
      role: "admin",
      parameters: parametersOf(keyParamsSchema, "path"),
      responses: { "200": json("revoked", s.obj({ revoked: s.str() })) },
      errors: ["400", "404"],
    }),
  },
};
