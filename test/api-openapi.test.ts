import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/server/index.ts";
import { openApiDocument } from "../src/api/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { checkJsonSchema } from "./helpers/check-json-schema.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<string, { $ref?: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
        parameters?: { name: string; in: string }[];
        "x-required-role": string;
      }
    >
  >;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }>;
  };
};

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  rawPath?: string;
  handle?: { stack?: Layer[] };
}

/** Every route registered in the app and its routers, as "METHOD /path/{param}". */
function registeredRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          found.push(`${method.toUpperCase()} ${(prefix + layer.route.path).replace(/:(\w+)/g, "{$1}")}`);
      } else if (layer.handle?.stack) {
        walk(
          layer.handle.stack,
          prefix + (typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : ""),
        );
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, "");
  return found.sort();
}

const doc = openApiDocument() as unknown as Doc;

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and every $ref resolves", () => {
    expect(doc.openapi).toBe("3.1.0");
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const [, kind, name] = /#\/components\/(schemas|responses)\/([\w]+)/.exec(ref)!;
      expect(doc.components[kind as "schemas"][name], ref).toBeDefined();
    }
  });

  it("lists every route of the app (API, ingest, KPI, outreach, webhook, unsubscribe) and nothing else", async () => {
    const t = await createTestDatabase("sqlite");
    try {
      const outreach = {
        receiveWebhook: async () => ({}),
        findUnsubscribeTarget: async () => ({}),
        unsubscribe: async () => ({}),
      } as never;
      const routes = registeredRoutes(createApp({ db: t.db, config: t.config, outreach }));
      const documented = Object.entries(doc.paths)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      const apiRoutes = routes.filter(
        (r) =>
          !/ \/(assets|sign-in|sign-out|at-risk|kpis|models|outreach|customers)?(\/|$)/.test(r) ||
          r.includes("/api/v1/"),
      );
      expect(documented).toEqual([...new Set(apiRoutes)].sort());
    } finally {
      await t.drop();
    }
  });

  it("every operation names its role and documents its errors with the one error shape", () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(["public", "viewer", "csm", "admin"], `${method} ${path}`).toContain(op["x-required-role"]);
        expect(
          Object.keys(op.responses).some((c) => c.startsWith("2")),
          `${method} ${path} has a success response`,
        ).toBe(true);
        if (op["x-required-role"] !== "public")
          expect(op.responses["401"], `${method} ${path}`).toEqual({ $ref: "#/components/responses/Unauthorized" });
        for (const name of (path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1))) {
          expect(
            op.parameters?.some((p) => p.name === name && p.in === "path"),
            `${method} ${path} documents {${name}}`,
          ).toBe(true);
        }
      }
    }
    for (const response of Object.values(doc.components.responses))
      expect(response.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
  });
});

describe.each(testDialects())("responses match the OpenAPI document on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDashboardWorld(t);
    api = await startApiClient(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const calls: [string, string, string, unknown?][] = [
    ["GET", "/api/v1/at-risk", "/api/v1/at-risk"],
    ["GET", "/api/v1/at-risk?scope=all&limit=2", "/api/v1/at-risk"],
    ["GET", "/api/v1/at-risk?scope=snoozed", "/api/v1/at-risk"],
    ["GET", "/api/v1/at-risk/summary", "/api/v1/at-risk/summary"],
    ["GET", "/api/v1/customers/A1", "/api/v1/customers/{id}"],
    ["GET", "/api/v1/customers/L1", "/api/v1/customers/{id}"],
    ["PUT", "/api/v1/customers/A1/owner", "/api/v1/customers/{id}/owner", { email: "zoe@cs.test" }],
    ["POST", "/api/v1/customers/A1/snooze", "/api/v1/customers/{id}/snooze", { days: 2 }],
    ["DELETE", "/api/v1/customers/A1/snooze", "/api/v1/customers/{id}/snooze"],
    ["POST", "/api/v1/customers/A1/notes", "/api/v1/customers/{id}/notes", { body: "hello" }],
    ["POST", "/api/v1/customers/A1/contacted", "/api/v1/customers/{id}/contacted", {}],
    ["GET", "/api/v1/customers/A1?kinds=note,contact", "/api/v1/customers/{id}"],
    ["PUT", "/api/v1/customers/A1/notes/1", "/api/v1/customers/{id}/notes/{noteId}", { body: "edited" }],
    ["POST", "/api/v1/customers/A6/snooze", "/api/v1/customers/{id}/snooze", { days: 2 }],
    ["POST", "/api/v1/bulk/snooze", "/api/v1/bulk/snooze", { customerIds: ["A4", "A5"], until: soon, reason: "QBR" }],
    ["GET", "/api/v1/at-risk?scope=snoozed", "/api/v1/at-risk"],
    ["POST", "/api/v1/bulk/snooze", "/api/v1/bulk/snooze", { customerIds: ["A4", "A6"], until: soon }],
    ["POST", "/api/v1/bulk/snooze", "/api/v1/bulk/snooze", { customerIds: [], until: soon }],
    ["POST", "/api/v1/bulk/owner", "/api/v1/bulk/owner", { customerIds: ["A4", "A5"], email: "zoe@cs.test" }],
    ["POST", "/api/v1/bulk/owner", "/api/v1/bulk/owner", { customerIds: ["NOPE"], email: null }],
    ["GET", "/api/v1/models", "/api/v1/models"],
    ["GET", "/api/v1/models/v2", "/api/v1/models/{version}"],
    ["POST", "/api/v1/models/v2/promote", "/api/v1/models/{version}/promote", {}],
    ["POST", "/api/v1/models/rollback", "/api/v1/models/rollback", {}],
    ["GET", "/api/v1/session", "/api/v1/session"],
    ["GET", "/api/v1/keys", "/api/v1/keys"],
    ["POST", "/api/v1/keys", "/api/v1/keys", { role: "viewer" }],
    ["GET", "/api/v1/kpis?period=2026-06&now=2026-09-01&by=month", "/api/v1/kpis"],
    ["GET", "/api/v1/outreach/report", "/api/v1/outreach/report"],
    ["GET", "/api/v1/outreach/log", "/api/v1/outreach/log"],
    ["GET", "/api/v1/outreach/unmatched", "/api/v1/outreach/unmatched"],
    ["GET", "/api/v1/unmatched?status=all", "/api/v1/unmatched"],
    ["POST", "/api/v1/unmatched/999/link", "/api/v1/unmatched/{id}/link", { customerId: "A1" }],
    ["POST", "/api/v1/unmatched/999/dismiss", "/api/v1/unmatched/{id}/dismiss", { reason: "spam" }],
    [
      "POST",
      "/api/v1/customers",
      "/api/v1/customers",
      [{ customer_id: "N1", signup_date: "2026-01-01" }, { customer_id: "N2" }],
    ],
    ["GET", "/api/v1/at-risk?band=nope", "/api/v1/at-risk"],
    ["GET", "/api/v1/customers/NOPE", "/api/v1/customers/{id}"],
    ["POST", "/api/v1/models/rollback", "/api/v1/models/rollback", {}],
  ];

  it.each(calls)("%s %s fits its documented response", async (method, url, path, body) => {
    const res = await api.call(method, url, { body });
    const documented = doc.paths[path][method.toLowerCase()].responses[String(res.status)];
    expect(
      documented,
      `status ${res.status} of ${method} ${path} is documented (${JSON.stringify(res.body).slice(0, 200)})`,
    ).toBeDefined();
    const resolved = documented.$ref ? doc.components.responses[documented.$ref.split("/").pop()!] : documented;
    const schema = resolved.content?.["application/json"]?.schema;
    if (schema) expect(checkJsonSchema(res.body, schema, doc.components.schemas)).toEqual([]);
  });

  it("serves the document without a key", async () => {
    const res = await api.call("GET", "/api/v1/openapi.json", { key: null });
    expect(res.status).toBe(200);
    expect(res.body.paths["/api/v1/at-risk"].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      "q",
      "band",
      "plan",
      "segment",
      "owner",
      "hasOpenTicket",
      "scope",
      "sort",
      "order",
      "limit",
      "offset",
      "cursor",
    ]);
  });
});
