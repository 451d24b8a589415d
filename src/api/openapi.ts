import type { RequestHandler } from "express";
import { bulkPaths } from "./openapi/bulk-paths.ts";
import { dashboardPaths } from "./openapi/dashboard-paths.ts";
import { helpdeskPaths } from "./openapi/helpdesk-paths.ts";
import { integrationPaths } from "./openapi/integration-paths.ts";
import { otherPaths } from "./openapi/other-paths.ts";
import { reviewPaths } from "./openapi/review-paths.ts";
import { unmatchedPaths } from "./openapi/unmatched-paths.ts";
import { userPaths } from "./openapi/user-paths.ts";
import { responses, schemas } from "./openapi/components.ts";

let cached: Record<string, unknown> | undefined;

/**
 * The OpenAPI 3.1 document of every route: request parameters and bodies come from the same
 * zod schemas that validate them; responses and the one error shape are described in
 * components. `x-required-role` names the lowest role an operation allows.
 */
export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "Retain API",
      version: "1",
      description:
        "Churn-risk prediction and at-risk outreach. Authenticate with `Authorization: Bearer <key>` (keys from `retain apikey create`) " +
        "or the dashboard's session cookie (POST /api/v1/session). Roles: viewer reads; csm reads and " +
        "acts on customers; admin does everything " +
        '(keys, model promotion). Errors: `{ "error": { "code", "message" } }`. Rate limit: 600 requests per minute per client.',
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: [
      "at-risk",
      "customers",
      "customer actions",
      "models",
      "kpis",
      "outreach",
      "ingest",
      "session",
      "keys",
      "users",
      "meta",
    ].map((name) => ({ name })),
    paths: {
      ...dashboardPaths,
      ...bulkPaths,
      ...userPaths,
      ...helpdeskPaths,
      ...unmatchedPaths,
      ...reviewPaths,
      ...otherPaths,
      ...integrationPaths,
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "an API key: rk_<prefix>_<secret>" },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "retain_session",
          description: "set by POST /api/v1/session or the sign-in page; changes must come from the same origin",
        },
      },
      schemas,
      responses,
    },
  };
  return cached;
}

/** GET /api/v1/openapi.json (public: it holds no data). */
export const serveOpenApi: RequestHandler = (_req, res) => {
  res.json(openApiDocument());
};
