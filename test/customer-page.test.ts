import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestRecords } from "../src/ingest/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createFactories } from "./helpers/factories.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/** The JSON the page hands its charts. */
function pageData(body: string) {
  return JSON.parse(/<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(body)![1]);
}

describe.each(testDialects())("customer page charts on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  let cookie = "";
  const page = async (path: string) => String((await api.call("GET", path, { key: null, headers: { cookie } })).body);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDashboardWorld(t);
    // A customer who signed up and churned inside the usage window (2026-03-10 … 2026-06-07).
    await createFactories(t.db).customers({
      customer_id: "S1",
      name: "Short Stay",
      signup_date: "2026-05-01",
      churn_date: "2026-05-20",
    });
    const usage = [
      ["2026-05-01", "active_users", 4],
      ["2026-05-02", "active_users", 6],
      ["2026-05-02", "logins", 3],
      ["2026-05-19", "logins", 2],
    ] as const;
    const result = await ingestRecords({
      db: t.db,
      kind: "usage",
      records: usage.map(([date, metric, value]) => ({ customer_id: "S1", date, metric, value })),
    });
    if (result.rejected) throw new Error(JSON.stringify(result.errors));
    const f = createFactories(t.db);
    await f.customers({ customer_id: "S2", name: "Busy" });
    await f.tickets(
      ...Array.from({ length: 60 }, (_, i) => ({
        ticket_id: `B${i}`,
        customer_id: "S2",
        created_at: `2026-04-${String((i % 28) + 1).padStart(2, "0")}T09:00:00Z`,
        closed_at: `2026-04-${String((i % 28) + 1).padStart(2, "0")}T17:00:00Z`,
      })),
    );
    api = await startApiClient(t, { sessionSecret: "chart-secret-0123456789abcdef01" });
    const res = await fetch(`${api.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ key: api.keys.csm, next: "/at-risk" }),
      redirect: "manual",
    });
    cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("hands the risk chart real dates and each run's at-risk cutoff", async () => {
    const data = pageData(await page("/customers/A1"));
    expect(data.risk.map((r: { t: number; threshold: number }) => [new Date(r.t).toISOString(), r.threshold])).toEqual([
      ["2026-06-01T00:00:00.000Z", 0.5],
      ["2026-06-08T00:00:00.000Z", 0.5],
    ]);
    const api1 = (await api.call("GET", "/api/v1/customers/A1", { key: api.keys.viewer })).body;
    expect(api1.risk.history.map((h: { threshold: number }) => h.threshold)).toEqual([0.5, 0.5]);
  });

  it("draws one small chart per metric over signup to churn only, and averages gauges in the data table", async () => {
    const d = (await api.call("GET", "/api/v1/customers/S1", { key: api.keys.viewer })).body;
    expect([d.usage.from, d.usage.to, d.usage.activeFrom, d.usage.activeTo]).toEqual([
      "2026-03-10",
      "2026-06-07",
      "2026-05-01",
      "2026-05-20",
    ]);
    expect(d.usage.metrics.map((m: { metric: string; gauge: boolean }) => [m.metric, m.gauge])).toEqual([
      ["active_users", true],
      ["events", false],
      ["logins", false],
    ]);
    const body = await page("/customers/S1");
    for (const i of [0, 1, 2]) expect(body).toContain(`<canvas id="usage-chart-${i}"`);
    expect(body).not.toContain('id="usage-chart"');
    expect(body).toContain("Daily usage, 2026-05-01 to 2026-05-20 (since signup) (until churn)");
    const rows = [
      ...body.matchAll(/<tr><td>(\w+)<\/td><td>(daily average|total)<\/td>\s*<td class="num">([^<]*)<\/td>/g),
    ];
    // 20 active days: active users average (4 + 6) / 20 = 0.5 a day, logins total 5; nothing summed outside them.
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ["active_users", "daily average", "0.5"],
      ["events", "total", "0"],
      ["logins", "total", "5"],
    ]);
    expect(body).not.toContain("Usage totals over 90 days");
  });

  it("a customer active over the whole window gets the whole window, with no since-signup or until-churn note", async () => {
    const d = (await api.call("GET", "/api/v1/customers/L1", { key: api.keys.viewer })).body;
    expect(d.usage.activeFrom).toBe("2026-03-10");
    const body = await page("/customers/L1");
    expect(body).toContain("Daily usage, 2026-03-10 to 2026-06-07</figcaption>");
  });

  it("lists the newest 100 timeline items on the page and says how many there are", async () => {
    const d = (await api.call("GET", "/api/v1/customers/S2?kinds=ticket", { key: api.keys.viewer })).body;
    expect(d.timeline.items).toHaveLength(120);
    const body = await page("/customers/S2");
    expect([...body.matchAll(/<li class="tl-item /g)]).toHaveLength(100);
    expect(body).toContain(
      "The newest 100 of 120 items, newest first: everything; filter by kind to reach older ones.",
    );
  });
});
