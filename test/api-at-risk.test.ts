import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setCustomerState } from "../src/db/repositories/customer-state.ts";
import { loadIdMap } from "../src/db/repositories/reference-ids.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

describe.each(testDialects())("at-risk list API on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  let ids: Map<string, number>;
  let latestRunId: number;
  const list = async (query = "") => {
    const res = await api.call("GET", `/api/v1/at-risk${query}`, { key: api.keys.viewer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const customers = async (query = "") => (await list(query)).items.map((i: { customerId: string }) => i.customerId);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ({ latestRunId } = await seedDashboardWorld(t));
    ids = await loadIdMap(t.db, "customers");
    api = await startApiClient(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });
  beforeEach(async () => {
    await t.db.sql.run("DELETE FROM customer_state");
  });

  it("lists the latest complete run's at-risk customers by risk, without churned ones, with drivers, change and context", async () => {
    const body = await list();
    expect(body.run).toMatchObject({
      id: latestRunId,
      asOf: "2026-06-08T00:00:00.000Z",
      modelVersion: "v1",
      previousAsOf: "2026-06-01T00:00:00.000Z",
    });
    expect(body.total).toBe(5);
    expect(body.items.map((i: { customerId: string }) => i.customerId)).toEqual(["A1", "A4", "A5", "A2", "A3"]);
    const a1 = body.items[0];
    expect(a1).toMatchObject({
      name: "Acme",
      plan: "Pro",
      segment: "SMB",
      owner: "ann@cs.test",
      probability: 0.9,
      band: "high",
      mrr: 1000,
      mrrAtRisk: 900,
      previous: 0.6,
      change: "up",
      openTickets: 1,
      lastTicket: { externalId: "T1", subject: "Export fails", status: "open" },
      lastCsat: { score: 2, respondedAt: "2026-05-03T10:00:00.000Z" },
      lastContactedAt: null,
    });
    expect(a1.delta).toBeCloseTo(0.3, 10);
    expect(a1.drivers.map((d: { text: string }) => d.text)).toEqual([
      "logins fell 40 % in 30 days",
      "6 tickets in 90 days",
      "last CSAT 2 of 5",
    ]);
    expect(body.items.find((i: { customerId: string }) => i.customerId === "A4")).toMatchObject({
      change: "new",
      previous: null,
      delta: null,
      openTickets: 1,
    });
    expect(body.items.find((i: { customerId: string }) => i.customerId === "A2")).toMatchObject({
      change: "down",
      lastTicket: { externalId: "T3" },
      lastCsat: null,
    });
  });

  it.each([
    ["?band=high", ["A1", "A4", "A5"]],
    ["?band=medium", ["A2", "A3"]],
    ["?plan=Basic", ["A4", "A5", "A3"]],
    ["?segment=Enterprise", ["A5", "A2"]],
    ["?owner=ann%40cs.test", ["A1", "A4"]],
    ["?owner=none", ["A5", "A3"]],
    ["?hasOpenTicket=true", ["A1", "A4"]],
    ["?hasOpenTicket=false", ["A5", "A2", "A3"]],
    ["?plan=Basic&band=high&hasOpenTicket=false", ["A5"]],
    ["?sort=mrrAtRisk", ["A2", "A1", "A5", "A4", "A3"]],
    ["?sort=change", ["A4", "A5", "A1", "A3", "A2"]],
    ["?sort=risk&order=asc", ["A3", "A2", "A5", "A4", "A1"]],
    ["?scope=all&band=low", ["L1"]],
    ["?plan=Enterprise%20Plus", []],
  ])("filters and sorts: %s", async (query, expected) => {
    const body = await list(query);
    expect(body.items.map((i: { customerId: string }) => i.customerId)).toEqual(expected);
    expect(body.total).toBe(expected.length);
  });

  it("paginates with limit and offset, and the total stays the whole list", async () => {
    const first = await list("?limit=2");
    expect(first).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.items.map((i: { customerId: string }) => i.customerId)).toEqual(["A1", "A4"]);
    expect((await list("?limit=2&offset=4")).items.map((i: { customerId: string }) => i.customerId)).toEqual(["A3"]);
    expect((await list("?limit=2&offset=10")).items).toEqual([]);
  });

  it.each(["risk", "mrrAtRisk", "change"])(
    "walks the whole list with cursors (sort %s), in the same order as one page",
    async (sort) => {
      for (const order of ["desc", "asc"]) {
        const whole = await customers(`?sort=${sort}&order=${order}`);
        const walked: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: { customerId: string }[]; nextCursor: string | null; total: number } = await list(
            `?sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
          );
          expect(page.total).toBe(5);
          walked.push(...page.items.map((i) => i.customerId));
          cursor = page.nextCursor;
        } while (cursor);
        expect(walked).toEqual(whole);
      }
    },
  );

  it("a cursor of another sort is refused, saying what was expected", async () => {
    const { nextCursor } = await list("?limit=1");
    const res = await api.call("GET", `/api/v1/at-risk?limit=1&sort=change&cursor=${nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^query parameter "cursor": expected a cursor of this list \(run \d+, sort change desc\), found one of run \d+, sort risk desc/,
    );
    const junk = await api.call("GET", "/api/v1/at-risk?cursor=abc");
    expect(junk.body.error).toEqual({
      code: "BAD_INPUT",
      message: 'query parameter "cursor": expected the nextCursor of a previous page, found "abc"',
    });
  });

  it("a snoozed customer is off the list until the snooze ends; an owner override counts for the owner filter", async () => {
    await api.call("POST", "/api/v1/customers/A1/snooze", { key: api.keys.csm, body: { days: 7 } });
    expect(await customers()).toEqual(["A4", "A5", "A2", "A3"]);
    expect((await list()).total).toBe(4);
    await api.call("DELETE", "/api/v1/customers/A1/snooze", { key: api.keys.csm });
    expect(await customers()).toContain("A1");
    await setCustomerState(t.db.sql, {
      customerId: ids.get("A1")!,
      fields: { snoozedUntil: new Date(Date.now() - 60_000) },
    });
    expect(await customers()).toContain("A1"); // an ended snooze does not hide
    await api.call("PUT", "/api/v1/customers/A3/owner", { key: api.keys.csm, body: { email: "ann@cs.test" } });
    expect(await customers("?owner=ann%40cs.test")).toEqual(["A1", "A4", "A3"]);
    expect(await customers("?owner=none")).toEqual(["A5"]);
  });

  it("rejects bad queries with what was expected and what was found", async () => {
    const cases: [string, string][] = [
      ["?band=extreme", 'query parameter "band": expected one of high|medium|low, found "extreme"'],
      ["?limit=0", 'query parameter "limit": expected a whole number from 1 to 500, found "0"'],
      ["?limit=abc", 'query parameter "limit": expected a whole number from 1 to 500, found "abc"'],
      ["?hasOpenTicket=yes", 'query parameter "hasOpenTicket": expected true or false, found "yes"'],
      ["?sort=owner", 'query parameter "sort": expected one of risk|mrrAtRisk|change|mrr|name|renewal, found "owner"'],
      [
        "?colour=red",
        'unknown query parameter "colour": expected only q, band, plan, segment, owner, hasOpenTicket, ' +
          "scope, sort, order, limit, offset, cursor",
      ],
      ["?band=high&band=low", 'query parameter "band": expected one value, found ["high","low"]'],
    ];
    for (const [query, message] of cases) {
      const res = await api.call("GET", `/api/v1/at-risk${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body).toEqual({ error: { code: "BAD_INPUT", message } });
    }
  });

  it("exports the filtered list as CSV, defusing spreadsheet formulas", async () => {
    const res = await api.call("GET", "/api/v1/at-risk.csv?plan=Basic", { key: api.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="?at-risk-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const lines = String(res.body).trim().split("\n");
    expect(lines[0]).toBe(
      "customer_id,name,plan,segment,owner,probability,band,mrr_usd,mrr_at_risk_usd," +
        "change,delta,driver_1,driver_2,driver_3,open_tickets,last_ticket_id," +
        "last_ticket_created_at,last_ticket_status,last_csat,last_csat_at," +
        "last_contacted_at",
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      "A4,<script>alert(1)</script> & Co,Basic,SMB,ann@cs.test,0.7000,high,200.00,140.00,new,," +
        "logins fell 40 % in 30 days,6 tickets in 90 days,last CSAT 2 of 5,1,T4,2026-06-02T10:00:00.000Z,pending,,,",
    );
    expect(lines[2]).toMatch(/^A5,"'=HYPERLINK\(""http:\/\/evil.test""\)",Basic/);
  });

  it("the CSV's amount columns and the pages' amounts are in RETAIN_CURRENCY", async () => {
    const eur = await startApiClient(t, { config: { ...t.config, currency: "EUR" } });
    try {
      const lines = String((await eur.call("GET", "/api/v1/at-risk.csv?plan=Basic", { key: eur.keys.viewer })).body)
        .trim()
        .split("\n");
      expect(lines[0]).toContain(",band,mrr_eur,mrr_at_risk_eur,change,");
      expect(lines[1]).toContain(",high,200.00,140.00,new,");
      const signIn = await fetch(`${eur.url}/sign-in`, {
        method: "POST",
        body: new URLSearchParams({ key: eur.keys.viewer, next: "/at-risk" }),
        redirect: "manual",
      });
      const cookie = signIn.headers.get("set-cookie")!.split(";")[0];
      const page = await (await fetch(`${eur.url}/at-risk?plan=Basic`, { headers: { cookie } })).text();
      expect(page).toContain('€140.00<div class="sub">of €200.00</div>');
      const customer = await (await fetch(`${eur.url}/customers/A4`, { headers: { cookie } })).text();
      expect(customer).toContain("<dt>MRR</dt><dd>€200.00</dd>");
    } finally {
      await eur.close();
    }
  });

  it("ignores unfinished runs and answers an empty list before any run", async () => {
    const empty = await createTestDatabase(dialect);
    const other = await startApiClient(empty);
    try {
      const res = await other.call("GET", "/api/v1/at-risk");
      expect(res.body).toEqual({ run: null, total: 0, limit: 50, offset: 0, nextCursor: null, items: [] });
      expect((await other.call("GET", "/api/v1/at-risk.csv")).body).toMatch(/^customer_id,name,.*\n$/);
    } finally {
      await other.close();
      await empty.drop();
    }
  });
});
