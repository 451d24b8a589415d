import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadIdMap } from "../src/db/repositories/reference-ids.ts";
import { daysToRenewal } from "../src/features/index.ts";
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
    const { latestRunId } = await seedDashboardWorld(t);
    // A3 leaves the at-risk list in the latest run: no longer at risk since 2026-06-01
    const ids = await loadIdMap(t.db, "customers");
    await t.db.sql.run("UPDATE risk_scores SET at_risk = ? WHERE run_id = ? AND customer_id = ?", [
      false,
      latestRunId,
      ids.get("A3")!,
    ]);
    await t.db.sql.run("UPDATE customers SET plan = ? WHERE external_id = ?", ["Pro Monthly", "A1"]);
    api = await startApiClient(t);
  });
  beforeEach(async () => {
    await t.db.sql.run("DELETE FROM customer_state");
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it.each([
    ["?q=acme", ["A1"]],
    ["?q=ACME", ["A1"]],
    ["?q=%20gam%20&scope=all", ["A3"]],
    ["?q=a4", ["A4"]],
    ["?q=ops%40acme", ["A1"]],
    ["?q=a", ["A1", "A4", "A5", "A2"]],
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
    expect(await customers("?q=%20%20")).toHaveLength(4);
    const res = await api.call("GET", "/api/v1/at-risk.csv?q=gamma&scope=no_longer_at_risk", { key: api.keys.viewer });
    expect(String(res.body).trim().split("\n").slice(1)).toEqual([expect.stringMatching(/^A3,Gamma,/)]);
    const long = await api.call("GET", `/api/v1/at-risk?q=${"x".repeat(201)}`, { key: api.keys.viewer });
    expect(long.body.error.message).toMatch(
      /^query parameter "q": expected search text of up to 200 characters, found "x+/,
    );
  });

  it.each([
    ["?sort=name", ["A2", "A1", "A5", "A4"]],
    ["?sort=name&order=desc", ["A2", "A1", "A5", "A4"]],
    ["?sort=name&order=asc", ["A4", "A5", "A1", "A2"]],
    ["?sort=mrr", ["A2", "A1", "A5", "A4"]],
    ["?sort=mrr&order=asc", ["A4", "A5", "A1", "A2"]],
    ["?sort=name&order=asc&scope=all", ["A4", "A5", "A1", "A2", "A3", "L1"]],
  ])("sorts by name (bytes, case-folded: the same on both databases) and by MRR: %s", async (query, expected) => {
    // ?sort=name alone keeps the default order (desc); the page's header asks for asc on the first click
    expect(await customers(query)).toEqual(expected);
  });

  it.each(["name", "mrr"])("walks the list sorted by %s with cursors, in the same order as one page", async (sort) => {
    for (const order of ["asc", "desc"]) {
      const whole = await customers(`?scope=all&sort=${sort}&order=${order}`);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { customerId: string }[]; nextCursor: string | null } = await get(
          `/api/v1/at-risk?scope=all&sort=${sort}&order=${order}&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        );
        walked.push(...page.items.map((i) => i.customerId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked).toEqual(whole);
    }
  });

  it("summarises the run against the previous one, with figures computed by hand", async () => {
    // at risk now: A1 0.9 × 1000, A2 0.4 × 5000, A4 0.7 × 200, A5 0.55 × 300 (A3 left, A6 churned)
    // before: A1 0.6 × 1000, A2 0.5 × 5000, A3 0.33 × 50
    const summary = await get("/api/v1/at-risk/summary");
    expect(summary.run).toMatchObject({ asOf: "2026-06-08T00:00:00.000Z", previousAsOf: "2026-06-01T00:00:00.000Z" });
    expect(summary.atRisk.count).toBe(4);
    expect(summary.atRisk.mrrAtRisk).toBeCloseTo(3205, 9);
    expect(summary.atRisk.countChange).toBe(1);
    expect(summary.atRisk.mrrAtRiskChange).toBeCloseTo(3205 - 3116.5, 9);
    expect(summary.previous.count).toBe(3);
    expect(summary.previous.mrrAtRisk).toBeCloseTo(3116.5, 9);
    expect(summary).toMatchObject({
      newlyAtRisk: 2,
      noLongerAtRisk: 1,
      snoozed: 0,
      bands: { high: 3, medium: 1, low: 0 },
    });
    expect(summary.history).toEqual([
      { asOf: "2026-06-01T00:00:00.000Z", atRisk: 3 },
      { asOf: "2026-06-08T00:00:00.000Z", atRisk: 6 },
    ]);
    expect(await customers("?scope=newly_at_risk")).toEqual(["A4", "A5"]);
    expect(await customers("?scope=no_longer_at_risk")).toEqual(["A3"]);
    expect((await get("/api/v1/at-risk")).total).toBe(summary.atRisk.count);
  });

  it("the summary follows the list's filters (here plan and search) in both runs", async () => {
    const basic = await get("/api/v1/at-risk/summary?plan=Basic");
    expect(basic.atRisk).toMatchObject({ count: 2, countChange: 1 });
    expect(basic.atRisk.mrrAtRisk).toBeCloseTo(140 + 165, 9);
    expect(basic.previous.mrrAtRisk).toBeCloseTo(16.5, 9);
    expect(basic).toMatchObject({ newlyAtRisk: 2, noLongerAtRisk: 1, bands: { high: 2, medium: 0, low: 0 } });
    const beta = await get("/api/v1/at-risk/summary?q=beta");
    expect(beta.atRisk).toMatchObject({ count: 1, countChange: 0 });
    expect(beta.atRisk.mrrAtRiskChange).toBeCloseTo(2000 - 2500, 9);
    expect(beta.bands).toEqual({ high: 0, medium: 1, low: 0 });
    const bad = await api.call("GET", "/api/v1/at-risk/summary?band=high", { key: api.keys.viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^unknown query parameter "band": expected only q, plan, segment, owner/);
  });

  it("a snoozed customer is in the Snoozed view with the snooze's end and in Everyone scored, not at risk", async () => {
    const before = Date.now();
    const snooze = await api.call("POST", "/api/v1/customers/A1/snooze", { key: api.keys.csm, body: { days: 7 } });
    expect(snooze.status).toBe(200);
    const snoozed = await get("/api/v1/at-risk?scope=snoozed");
    expect(snoozed.items.map((i: { customerId: string }) => i.customerId)).toEqual(["A1"]);
    const until = Date.parse(snoozed.items[0].snoozedUntil);
    expect(until).toBeGreaterThanOrEqual(before + 7 * 86_400_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000 + 1000);
    expect(await customers("?scope=all")).toEqual(["A1", "A4", "A5", "A2", "A3", "L1"]);
    const all = await get("/api/v1/at-risk?scope=all&q=acme");
    expect(all.items[0].snoozedUntil).toBe(snoozed.items[0].snoozedUntil);
    expect(await customers("")).toEqual(["A4", "A5", "A2"]);
    // the previous run is read with the same rule: A1 is out of both
    const summary = await get("/api/v1/at-risk/summary");
    expect(summary).toMatchObject({ snoozed: 1, atRisk: { count: 3, countChange: 1 }, previous: { count: 2 } });
    expect(summary.atRisk.mrrAtRisk).toBeCloseTo(2305, 9);
    expect(summary.atRisk.mrrAtRiskChange).toBeCloseTo(2305 - 2516.5, 9);
    await api.call("DELETE", "/api/v1/customers/A1/snooze", { key: api.keys.csm });
    expect(await customers("?scope=snoozed")).toEqual([]);
    expect((await get("/api/v1/at-risk?q=acme")).items[0].snoozedUntil).toBeNull();
  });

  it("gives the renewal date and days to renewal from the signup date and the plan's cycle", async () => {
    const { items } = await get("/api/v1/at-risk?sort=name&order=asc");
    const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    const days = daysToRenewal(Date.parse("2025-01-01T00:00:00Z"), today, "monthly")!;
    const a1 = items.find((i: { customerId: string }) => i.customerId === "A1");
    expect(a1.daysToRenewal).toBe(days);
    expect(a1.renewalDate).toBe(new Date(today + days * 86_400_000).toISOString().slice(0, 10));
    expect(a1.renewalDate.slice(8)).toBe("01");
    expect(items.find((i: { customerId: string }) => i.customerId === "A2")).toMatchObject({
      renewalDate: null,
      daysToRenewal: null,
    });
  });
});
