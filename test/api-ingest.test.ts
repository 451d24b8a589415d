import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/server/index.ts";
import { createApiKey, revokeApiKey } from "../src/auth/index.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

describe.each(testDialects())("HTTP ingest on %s", (dialect) => {
  let t: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  const keys: Record<string, string> = {};
  const changed: number[][] = [];

  async function post(path: string, body: unknown, key: string | null = keys.csm, raw?: string) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (key) headers.authorization = `Bearer ${key}`;
    const res = await fetch(`${server.url}/api/v1/${path}`, {
      method: "POST",
      headers,
      body: raw ?? JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    for (const role of ["admin", "csm", "viewer"]) keys[role] = (await createApiKey(t.db, { role })).key;
    const app = createApp({
      db: t.db,
      config: t.config,
      jsonLimit: "200kb",
      onTicketsChanged: async (ids) => void changed.push(ids),
    });
    server = await serveApp(app);
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it("needs a valid key: 401 without or with a wrong one, in the one error shape", async () => {
    const missing = await post("customers", [], null);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      error: { code: "UNAUTHORIZED", message: expect.stringContaining("Authorization: Bearer") },
    });
    const wrong = await post("customers", [], `rk_00000000_${"x".repeat(43)}`);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe("unknown or revoked API key");
  });

  it("a viewer key may not write (403); csm and admin may", async () => {
    const viewer = await post("agents", [{ agent_id: "A1" }], keys.viewer);
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toEqual({ code: "FORBIDDEN", message: "this needs the csm role; your key has viewer" });
    expect((await post("agents", [{ agent_id: "A1" }], keys.csm)).status).toBe(200);
    expect((await post("agents", [{ agent_id: "A2" }], keys.admin)).status).toBe(200);
  });

  it("a revoked key stops working at once", async () => {
    const { key, prefix } = await createApiKey(t.db, { role: "csm" });
    expect((await post("agents", [], key)).status).toBe(200);
    await revokeApiKey(t.db, prefix);
    expect((await post("agents", [], key)).status).toBe(401);
  });

  it("upserts records: 200 when all are good, then unchanged on a repeat", async () => {
    const customers = [
      { customer_id: "C1", name: "Acme", signup_date: "2024-01-01", mrr: 120, plan: "Pro Monthly" },
      { customer_id: "C2", name: "Beta", signup_date: "2024-02-01", mrr: "80" },
    ];
    const first = await post("customers", customers);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      kind: "customers",
      received: 2,
      new: 2,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
    });
    const again = await post("customers", customers);
    expect(again.body).toMatchObject({ new: 0, unchanged: 2 });
  });

  it("207 with per-record errors when some records are bad; 400 when all are", async () => {
    const mixed = await post("tickets", [
      { ticket_id: "T1", customer_id: "C1", created_at: "2025-01-01T10:00:00Z", channel: "chat", status: "open" },
      { ticket_id: "T2", customer_id: "C404", created_at: "2025-01-01T10:00:00Z" },
      "not an object",
      { ticket_id: "T1", customer_id: "C1", created_at: "2025-01-01T10:00:00Z" },
    ]);
    expect(mixed.status).toBe(207);
    expect(mixed.body).toMatchObject({ received: 4, new: 1, rejected: 3 });
    expect(mixed.body.errors).toEqual([
      { index: 1, column: "customer_id", reason: 'unknown customer_id: no customer "C404" (import customers first)' },
      { index: 2, column: "*", reason: 'expected a JSON object, found "not an object"' },
      { index: 3, column: "ticket_id", reason: "duplicate id within the request: first seen at record 0" },
    ]);
    const bad = await post("surveys", [
      { response_id: "S1", customer_id: "C1", kind: "nps", score: 11, responded_at: "2025-01-02T10:00:00Z" },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toEqual({
      index: 0,
      column: "score",
      reason: "value out of range: expected 0–10, found 11",
    });
  });

  it("refuses a year outside 1900–2200 (0099 was once stored as 1999), keeping the good records of the request", async () => {
    const res = await post("customers", [
      { customer_id: "Y1", signup_date: "0099-06-15", mrr: 1 },
      { customer_id: "Y2", signup_date: "2025-06-15", mrr: 1, churn_date: "2301-01-01" },
      { customer_id: "Y3", signup_date: "2025-06-15", mrr: 1 },
    ]);
    expect(res.status).toBe(207);
    expect(res.body.errors).toEqual([
      {
        index: 0,
        column: "signup_date",
        reason: 'value out of range: expected a year from 1900 to 2200, found "0099-06-15"',
      },
      {
        index: 1,
        column: "churn_date",
        reason: 'value out of range: expected a year from 1900 to 2200, found "2301-01-01"',
      },
    ]);
    const stored = await t.db.sql.all<{ external_id: string }>(
      "SELECT external_id FROM customers WHERE external_id IN ('Y1', 'Y2', 'Y3')",
    );
    expect(stored.map((r) => r.external_id)).toEqual(["Y3"]);
  });

  it("refuses hex numbers, NUL and lone surrogates per record instead of altering them", async () => {
    const res = await post("customers", [
      { customer_id: "H1", signup_date: "2025-06-15", mrr: "0x10" },
      { customer_id: "H2", signup_date: "2025-06-15", mrr: 1, name: "Acme\u0000Corp" },
      { customer_id: "H3", signup_date: "2025-06-15", mrr: 1, name: "Acme \ud800" },
      { customer_id: "H4", signup_date: "2025-06-15", mrr: "16", name: "Acme 😀" },
    ]);
    expect(res.status).toBe(207);
    expect(res.body.errors).toEqual([
      { index: 0, column: "mrr", reason: 'expected a number, found "0x10"' },
      { index: 1, column: "name", reason: "expected text without NUL characters, found a NUL (\\u0000)" },
      {
        index: 2,
        column: "name",
        reason: "expected valid Unicode text, found a lone surrogate (half of a UTF-16 pair)",
      },
    ]);
    const stored = await t.db.sql.all<{ external_id: string; mrr: number; name: string }>(
      "SELECT external_id, mrr, name FROM customers WHERE external_id LIKE 'H%' ORDER BY external_id",
    );
    expect(stored).toEqual([{ external_id: "H4", mrr: 16, name: "Acme 😀" }]);
  });

  it("reports the tickets it inserted or changed, for follow-up triggers", async () => {
    changed.length = 0;
    await post("tickets", [
      {
        ticket_id: "T1",
        customer_id: "C1",
        created_at: "2025-01-01T10:00:00Z",
        status: "closed",
        closed_at: "2025-01-03T10:00:00Z",
      },
    ]);
    expect(changed).toHaveLength(1);
    const ticket = await t.db.prisma().ticket.findUniqueOrThrow({ where: { externalId: "T1" } });
    expect(changed[0]).toEqual([ticket.id]);
  });

  it("refuses bodies that are not a JSON array, too many records, or too large", async () => {
    const notArray = await post("usage", { customer_id: "C1" });
    expect(notArray.status).toBe(400);
    expect(notArray.body.error.message).toBe("expected a JSON array of usage records, found object");
    const invalid = await post("usage", null, keys.csm, "[{");
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/^expected a JSON body, found invalid JSON/);
    const many = await post(
      "agents",
      Array.from({ length: 10_001 }, () => 1),
    );
    expect(many.status).toBe(413);
    expect(many.body.error.message).toBe("expected at most 10000 records per request, found 10001; split the array");
    const huge = await post("agents", [{ agent_id: "A", name: "x".repeat(300_000) }]);
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("unknown routes get a 404 in the error shape", async () => {
    const res = await post("invoices", []);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });
});
