import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysToRenewal } from "../src/features/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const DAY_MS = 86_400_000;

/** [customer, plan, signup day]: monthly and yearly cycles, two on the same day of the month, two without a cycle. */
const PLANS: [string, string, string][] = [
  ["A1", "Pro Monthly", "2025-01-05"],
  ["A4", "Basic Annual", "2024-03-10"],
  ["A5", "Team Monthly", "2025-02-20"],
  ["L1", "Lite Monthly", "2025-03-05"],
  ["A2", "Pro", "2025-01-01"],
  ["A3", "Basic", "2025-01-01"],
];

/** Days to each customer's next renewal today, by the features' rule (null: no known cycle). */
function expectedDays(): Map<string, number | null> {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  return new Map(
    PLANS.map(([id, plan, signup]) => {
      const cycle = /Annual/.test(plan) ? "annual" : /Monthly/.test(plan) ? "monthly" : "other";
      return [id, daysToRenewal(Date.parse(`${signup}T00:00:00Z`), today, cycle)];
    }),
  );
}

/** The ids in renewal order: soonest (asc) or latest (desc) first, unknown renewals last, ties in import order. */
function expectedOrder(ids: string[], order: "asc" | "desc"): string[] {
  const days = expectedDays();
  const importOrder = ["A1", "A2", "A3", "A4", "A5", "A6", "L1"];
  return [...ids].sort((a, b) => {
    const da = days.get(a) ?? null;
    const db = days.get(b) ?? null;
    if (da !== db) {
      if (da === null) return 1;
      if (db === null) return -1;
      return order === "asc" ? da - db : db - da;
    }
    return importOrder.indexOf(a) - importOrder.indexOf(b);
  });
}

describe.each(testDialects())("the at-risk list sorted by renewal date on %s", (dialect) => {
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
    for (const [id, plan, signup] of PLANS)
      await t.db.sql.run("UPDATE customers SET plan = ?, signup_date = ? WHERE external_id = ?", [
        plan,
        new Date(`${signup}T00:00:00Z`),
        id,
      ]);
    api = await startApiClient(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it.each(["asc", "desc"] as const)("sorts by the next renewal, %s, unknown renewals last", async (order) => {
    const atRisk = ["A1", "A2", "A3", "A4", "A5"];
    const body = await get(`/api/v1/at-risk?sort=renewal&order=${order}`);
    expect(body.items.map((i: { customerId: string }) => i.customerId)).toEqual(expectedOrder(atRisk, order));
    expect(body.total).toBe(5);
    const days = body.items.map((i: { daysToRenewal: number | null }) => i.daysToRenewal);
    expect(days.slice(-2)).toEqual([null, null]);
    const known = days.slice(0, 3);
    expect(known).toEqual([...known].sort((a: number, b: number) => (order === "asc" ? a - b : b - a)));
    const everyone = await customers(`?scope=all&sort=renewal&order=${order}`);
    expect(everyone).toEqual(expectedOrder([...atRisk, "L1"], order));
    // A1 and L1 renew on the same day: the tie goes by import order in both directions
    expect(everyone.indexOf("A1")).toBe(everyone.indexOf("L1") - 1);
  });

  it.each(["asc", "desc"])("pages (offset and cursor) through the same order, %s", async (order) => {
    const whole = await customers(`?scope=all&sort=renewal&order=${order}`);
    expect(await customers(`?scope=all&sort=renewal&order=${order}&limit=2&offset=2`)).toEqual(whole.slice(2, 4));
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { customerId: string }[]; nextCursor: string | null } = await get(
        `/api/v1/at-risk?scope=all&sort=renewal&order=${order}&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      walked.push(...page.items.map((i) => i.customerId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(whole);
    const other = await api.call("GET", `/api/v1/at-risk?scope=all&sort=mrr&limit=1`, { key: api.keys.viewer });
    const misuse = await api.call("GET", `/api/v1/at-risk?scope=all&sort=renewal&cursor=${other.body.nextCursor}`, {
      key: api.keys.viewer,
    });
    expect(misuse.status).toBe(400);
  });

  it("keeps the filters and the search, and the CSV export follows the same order", async () => {
    expect(await customers("?sort=renewal&order=asc&plan=Basic%20Annual")).toEqual(["A4"]);
    expect(await customers("?scope=all&sort=renewal&q=co")).toEqual(expectedOrder(["A4", "L1"], "desc"));
    const csv = await api.call("GET", "/api/v1/at-risk.csv?scope=all&sort=renewal&order=asc", { key: api.keys.viewer });
    const ids = String(csv.body)
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    expect(ids).toEqual(await customers("?scope=all&sort=renewal&order=asc"));
  });
});
