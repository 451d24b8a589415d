import { BREAKDOWNS } from "../../kpi/index.ts";
import { CONTRACTS, IMPORT_ORDER, type ImportKind } from "../../ingest/index.ts";
import { DecisionStatus, ticketClosedPayload } from "../../outreach/index.ts";
import { fromZod, param, s, type Schema } from "./json-schema.ts";
import { json, op } from "./operation.ts";

/** One ingest record: the CSV columns of the kind (numbers may be JSON numbers). */
function recordSchema(kind: ImportKind): Schema {
  const c = CONTRACTS[kind];
  const value = { type: ["string", "number", "null"] };
  return {
    type: "object",
    properties: Object.fromEntries([...c.required, ...c.optional].map((col) => [col, value])),
    required: c.required,
    description: `a row of ${c.file} (see README “Data contract”)`,
  };
}

const ingest = Object.fromEntries(
  IMPORT_ORDER.map((kind) => [
    `/api/v1/${kind}`,
    {
      post: op({
        summary: `Upsert ${kind} (a JSON array of up to 10,000 records, same validation as the CSV import)`,
        tags: ["ingest"],
        role: "csm",
        body: { schema: s.arr(recordSchema(kind)) },
        responses: {
          "200": json("every record accepted", "IngestResult"),
          "207": json("some records rejected (errors lists them)", "IngestResult"),
        },
        errors: ["400", "413"],
      }),
    },
  ]),
);

const outreachDay = (name: string, what: string) => param(name, "query", s.day(), what, false);

/** The operations of the other parts: ingest, KPIs, outreach, the ticket webhook, unsubscribe links, health. */
export const otherPaths: Record<string, Record<string, Schema>> = {
  ...ingest,
  "/api/v1/kpis": {
    get: op({
      summary:
        "The KPI report: CRR by support interaction, retention and churn, CSAT/NPS/CES, tickets, value, a breakdown and analyses",
      tags: ["kpis"],
      role: "viewer",
      parameters: [
        param(
          "period",
          "query",
          s.str(),
          "2026-Q2, 2026-05 or 2026-05-01..2026-06-15 (end day included); default the last full calendar month",
          false,
        ),
        param("by", "query", s.enum(BREAKDOWNS), "a breakdown", false),
        param(
          "windowDays",
          "query",
          { type: "integer", minimum: 1, maximum: 3650, default: 60 },
          "retention window W in days",
          false,
        ),
        param(
          "spend",
          "query",
          { type: "number", minimum: 0 },
          "retention spend in the period, for the cost per retained customer",
          false,
        ),
        param("now", "query", s.day(), "the reference day (00:00 UTC); default the clock", false),
      ],
      responses: { "200": json("the report", "KpiReport") },
      errors: ["400"],
    }),
  },
  "/api/v1/outreach/report": {
    get: op({
      summary:
        "Outreach report: decided, sent, suppressed by reason, treated vs holdout retention with 95 % " +
        "intervals (overall, by play, by month)",
      tags: ["outreach"],
      role: "viewer",
      parameters: [
        param("play", "query", s.str(), "one play", false),
        outreachDay("from", "planned sends from this day"),
        outreachDay("to", "planned sends before this day"),
      ],
      responses: { "200": json("the report", "OutreachReport") },
      errors: ["400"],
    }),
  },
  "/api/v1/outreach/log": {
    get: op({
      summary: "The outreach decision log, newest first (keyset pages with before)",
      tags: ["outreach"],
      role: "viewer",
      parameters: [
        param("status", "query", s.enum(Object.values(DecisionStatus)), "decision status", false),
        param("reason", "query", s.str(), "suppression, cancellation or failure reason", false),
        param("play", "query", s.str(), "play", false),
        param("arm", "query", s.enum(["treatment", "holdout"]), "arm", false),
        param("customer", "query", s.str(), "customer id", false),
        param("ticket", "query", s.str(), "ticket id", false),
        param("from", "query", s.str(), "decisions at or after (YYYY-MM-DD or ISO timestamp)", false),
        param("to", "query", s.str(), "decisions before", false),
        param("before", "query", { type: "integer", minimum: 1 }, "the next of the previous page", false),
        param("limit", "query", { type: "integer", minimum: 1, maximum: 500, default: 50 }, "entries per page", false),
      ],
      responses: { "200": json("one page", "DecisionLog") },
      errors: ["400"],
    }),
  },
  "/api/v1/outreach/unmatched": {
    get: op({
      summary:
        "Closed tickets whose customer could not be matched (the tickets of GET /api/v1/unmatched, in this older shape)",
      tags: ["outreach"],
      role: "viewer",
      parameters: [param("all", "query", s.enum(["1", "true"]), "include resolved ones", false)],
      responses: { "200": json("newest first", s.obj({ items: s.arr(s.ref("UnmatchedTicket")) })) },
      errors: ["400"],
    }),
  },
  "/api/v1/webhooks/ticket-closed": {
    post: op({
      summary: "A helpdesk's ticket-closed event (HMAC-signed, no API key)",
      tags: ["outreach"],
      role: "public",
      description:
        "Headers X-Retain-Timestamp and X-Retain-Signature: sha256=<hex HMAC-SHA256 of `<timestamp>.<raw " +
        "body>` with RETAIN_WEBHOOK_SECRET>.",
      parameters: [
        param("X-Retain-Signature", "header", s.str(), "sha256=<hex>", true),
        param("X-Retain-Timestamp", "header", s.str(), "seconds since the epoch", true),
      ],
      body: { schema: fromZod(ticketClosedPayload) },
      responses: {
        "200": json("accepted (ticket upserted, follow-up queued)", "WebhookResult"),
        "202": json("customer not matched: listed as unmatched", "WebhookResult"),
      },
      errors: ["400", "401", "409", "413"],
    }),
  },
  "/u/{token}": {
    get: op({
      summary: "Unsubscribe link of a follow-up email: a page with a confirm button",
      tags: ["outreach"],
      role: "public",
      parameters: [param("token", "path", s.str(), "HMAC token of the customer")],
      responses: {
        "200": { description: "HTML page", content: { "text/html": { schema: s.str() } } },
        "404": { description: "HTML page: link not valid", content: { "text/html": { schema: s.str() } } },
      },
    }),
    post: op({
      summary: "Unsubscribe at once (RFC 8058 one-click, or the page's button)",
      tags: ["outreach"],
      role: "public",
      parameters: [param("token", "path", s.str(), "HMAC token of the customer")],
      responses: {
        "200": { description: "HTML page", content: { "text/html": { schema: s.str() } } },
        "404": { description: "HTML page: link not valid", content: { "text/html": { schema: s.str() } } },
      },
    }),
  },
  "/healthz": {
    get: op({
      summary: "Liveness",
      tags: ["meta"],
      role: "public",
      responses: { "200": json("up", s.obj({ ok: s.bool(), dialect: s.enum(["sqlite", "postgres"]) })) },
    }),
  },
  "/api/v1/openapi.json": {
    get: op({
      summary: "This document",
      tags: ["meta"],
      role: "public",
      responses: { "200": json("OpenAPI 3.1", s.obj({}, { open: true })) },
    }),
  },
};
