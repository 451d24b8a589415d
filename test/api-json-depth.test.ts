import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestRecords } from "../src/ingest/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/** A value `levels` arrays deep (JSON.stringify itself overflows on 5,000). */
function nested(levels: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

/** The JSON text of nested(levels): 5,000 levels is 10 KB. */
const nestedJson = (levels: number) => `${"[".repeat(levels)}"x"${"]".repeat(levels)}`;
const json = { "content-type": "application/json" };

describe.each(testDialects())("deeply nested JSON on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  const stored = async (prefix: string) =>
    (
      await t.db.sql.all<{ external_id: string }>(
        `SELECT external_id FROM customers WHERE external_id LIKE '${prefix}%' ORDER BY external_id`,
      )
    ).map((r) => r.external_id);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    api = await startApiClient(t);
  });
  afterAll(async () => {
    await api.close();
    await t.drop();
  });

  it(
    "a body nested deeper than 32 levels is a 400 that says so, never a 500 (a field 5,000 levels " +
      "deep overflowed the stack)",
    async () => {
      const raw =
        `[{"customer_id":"D1","signup_date":"2025-01-01"},{"customer_id":"D2",` +
        `"signup_date":"2025-01-01","name":${nestedJson(5000)}}]`;
      const res = await api.call("POST", "/api/v1/customers", { headers: json, raw });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: {
          code: "BAD_INPUT",
          message: "expected a JSON body nested at most 32 levels deep, found one nested deeper",
        },
      });
      expect(await stored("D")).toEqual([]);
    },
  );

  it("the bound holds for every JSON route, before any schema describes the value", async () => {
    const res = await api.call("POST", "/api/v1/customers/D1/notes", {
      headers: json,
      raw: `{"body":${nestedJson(5000)}}`,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("expected a JSON body nested at most 32 levels deep, found one nested deeper");
  });

  it("within the bound, a nested field is a per-record reject and the valid records of the request are taken", async () => {
    const res = await api.call("POST", "/api/v1/customers", {
      body: [
        { customer_id: "E1", signup_date: "2025-01-01" },
        { customer_id: "E2", signup_date: "2025-01-01", name: nested(20) },
        { customer_id: "E3", signup_date: "2025-01-01" },
      ],
    });
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({ received: 3, new: 2, rejected: 1 });
    expect(res.body.errors).toEqual([
      { index: 1, column: "name", reason: `expected text, found "${nestedJson(20).slice(0, 40)}…"` },
    ]);
    expect(await stored("E")).toEqual(["E1", "E3"]);
  });

  it("ingest called without the HTTP parser (the webhook, scripts) rejects a 5,000-level field per record and keeps the rest", async () => {
    const result = await ingestRecords({
      db: t.db,
      kind: "customers",
      records: [
        { customer_id: "F1", signup_date: "2025-01-01", name: nested(5000) },
        { customer_id: "F2", signup_date: nested(5000) },
        { customer_id: "F3", signup_date: "2025-01-01" },
      ],
    });
    expect(result).toMatchObject({ received: 3, new: 1, rejected: 2 });
    expect(result.errors).toEqual([
      { index: 0, column: "name", reason: "expected text, found an array nested more than 32 levels deep" },
      {
        index: 1,
        column: "signup_date",
        reason: "unparseable date: expected a date YYYY-MM-DD, found an array nested more than 32 levels deep",
      },
    ]);
    expect(await stored("F")).toEqual(["F3"]);
  });
});
