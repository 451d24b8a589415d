import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

describe.each(testDialects())("at-risk list: search, sort, summary and views on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  const get = async (path: string) => {
    const res = await api.call("GET", path, { key: api.keys.viewer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const customers = async (query: string) =>
    (await get(`/api/v1/at-risk${query}`)).items.map((i: { customerId: string }) => i.customerId);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDashboardWorld(t);
    api = await startApiClient(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it.each([
    ["?q=acme", ["A1"]],
    ["?q=ACME", ["A1"]],
    ["?q=%20gam%20", ["A3"]],
    ["?q=a4", ["A4"]],
    ["?q=ops%40acme", ["A1"]],
    ["?q=a", ["A1", "A4", "A5", "A2", "A3"]],
    ["?q=%3Cscript%3E", ["A4"]],
    ["?q=%25", []],
    ["?q=_", []],
    ["?q=%27%20OR%201%3D1%20--", []],
    ["?q=low&scope=all", ["L1"]],
    ["?q=low", []],
    ["?q=delta&scope=all", []],
    ["?q=acme&band=medium", []],
  ])(
    "searches by name, id or email, case-insensitive, with LIKE characters and quotes as text: %s",
    async (q, expected) => {
      expect(await customers(q)).toEqual(expected);
      expect((await get(`/api/v1/at-risk${q}`)).total).toBe(expected.length);
    },
  );

  it("an empty or blank search is no search; a search is kept in the CSV export", async () => {
    expect(await customers("?q=")).toEqual(await customers(""));
    expect(await customers("?q=%20%20")).toHaveLength(5);
    const res = await api.call("GET", "/api/v1/at-risk.csv?q=gamma", { key: api.keys.viewer });
    expect(String(res.body).trim().split("\n").slice(1)).toEqual([expect.stringMatching(/^A3,Gamma,/)]);
    const long = await api.call("GET", `/api/v1/at-risk?q=${"x".repeat(201)}`, { key: api.keys.viewer });
    expect(long.body.error.message).toMatch(
      /^query parameter "q": expected search text of up to 200 characters, found "x+/,
    );
  });
});
