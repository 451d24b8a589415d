import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCustomerState } from "../src/db/repositories/customer-state.ts";
import { loadIdMap } from "../src/db/repositories/reference-ids.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const DAY_MS = 86_400_000;

describe.each(testDialects())("customer API on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  let ids: Map<string, number>;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDashboardWorld(t);
    ids = await loadIdMap(t.db, "customers");
    api = await startApiClient(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it(
    "shows a customer: risk across complete runs, drivers, tickets, surveys, 90 days of usage per " +
      "metric, outreach decisions",
    async () => {
      const res = await api.call("GET", "/api/v1/customers/A1", { key: api.keys.viewer });
      expect(res.status).toBe(200);
      const d = res.body;
      expect(d.customer).toMatchObject({
        id: "A1",
        name: "Acme",
        plan: "Pro",
        mrr: 1000,
        importedOwner: "ann@cs.test",
        owner: "ann@cs.test",
        email: "ops@acme.test",
      });
      expect(
        d.risk.history.map((h: { asOf: string; probability: number }) => [h.asOf.slice(0, 10), h.probability]),
      ).toEqual([
        ["2026-06-01", 0.6],
        ["2026-06-08", 0.9],
      ]);
      expect(d.risk.latest).toMatchObject({
        probability: 0.9,
        band: "high",
        atRisk: true,
        change: "up",
        previous: 0.6,
        mrrAtRisk: 900,
      });
      expect(d.risk.latest.drivers).toHaveLength(4);
      expect(d.tickets.map((x: { externalId: string }) => x.externalId)).toEqual(["T1", "T2"]);
      expect(d.tickets[1]).toMatchObject({ agentName: "Gwen", status: "closed" });
      expect(
        d.surveys.map((x: { kind: string; score: number; ticketId: string | null }) => [x.kind, x.score, x.ticketId]),
      ).toEqual([
        ["csat", 2, "T2"],
        ["csat", 4, null],
      ]);
      // The window is the 90 days before the latest run (2026-06-08): 2026-03-10 … 2026-06-07; 2026-03-09 falls outside.
      expect(d.usage.from).toBe("2026-03-10");
      expect(d.usage.to).toBe("2026-06-07");
      const logins = d.usage.metrics.find((m: { metric: string }) => m.metric === "logins");
      expect(logins.values).toHaveLength(90);
      expect([logins.values[0], logins.values[87], logins.values[88], logins.values[89]]).toEqual([9, 0, 3, 5]);
      expect(logins.values.reduce((a: number, b: number) => a + b, 0)).toBe(17);
      expect(d.usage.metrics.find((m: { metric: string }) => m.metric === "events").values[89]).toBe(40);
      expect(d.outreach).toHaveLength(1);
      expect(d.outreach[0]).toMatchObject({
        customerId: "A1",
        ticketId: "T2",
        status: "suppressed",
        reason: "frequency_cap",
        arm: "treatment",
      });
      expect(d.state).toEqual({
        ownerOverride: null,
        snoozedUntil: null,
        snoozed: false,
        lastContactedAt: null,
        unsubscribedAt: null,
        bouncedAt: null,
        churned: false,
      });
    },
  );

  it("a customer without usage still gets one flat line per metric", async () => {
    const d = (await api.call("GET", "/api/v1/customers/L1")).body;
    expect(d.usage.metrics.map((m: { metric: string }) => m.metric)).toEqual(["events", "logins"]);
    expect(
      d.usage.metrics.every((m: { values: number[] }) => m.values.length === 90 && m.values.every((v) => v === 0)),
    ).toBe(true);
    expect(d.risk.latest).toMatchObject({ atRisk: false, drivers: [] });
  });

  it("404 for an unknown customer, in the error shape", async () => {
    const res = await api.call("GET", "/api/v1/customers/NOPE");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: "NOT_FOUND", message: 'no customer "NOPE": expected a customer_id imported in customers.csv' },
    });
  });

  it("assigns an owner (overriding the imported one) and goes back to the imported owner", async () => {
    const set = await api.call("PUT", "/api/v1/customers/A2/owner", {
      key: api.keys.csm,
      body: { email: "cara@cs.test" },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ customerId: "A2", owner: "cara@cs.test", ownerOverride: "cara@cs.test" });
    expect((await getCustomerState(t.db.sql, ids.get("A2")!))?.ownerEmail).toBe("cara@cs.test");
    const detail = (await api.call("GET", "/api/v1/customers/A2")).body;
    expect(detail.customer).toMatchObject({ owner: "cara@cs.test", importedOwner: "bob@cs.test" });
    const cleared = await api.call("PUT", "/api/v1/customers/A2/owner", { key: api.keys.csm, body: { email: null } });
    expect(cleared.body).toMatchObject({ owner: "bob@cs.test", ownerOverride: null });
  });

  it("snoozes for N days from now (what the outreach sender checks) and ends a snooze", async () => {
    const before = Date.now();
    const res = await api.call("POST", "/api/v1/customers/A3/snooze", { key: api.keys.csm, body: { days: 14 } });
    expect(res.status).toBe(200);
    const until = Date.parse(res.body.snoozedUntil);
    expect(until).toBeGreaterThanOrEqual(before + 14 * DAY_MS);
    expect(until).toBeLessThanOrEqual(Date.now() + 14 * DAY_MS);
    expect((await getCustomerState(t.db.sql, ids.get("A3")!))?.snoozedUntil?.getTime()).toBe(until);
    expect((await api.call("GET", "/api/v1/customers/A3")).body.state).toMatchObject({ snoozed: true });
    const ended = await api.call("DELETE", "/api/v1/customers/A3/snooze", { key: api.keys.csm });
    expect(ended.body.snoozedUntil).toBeNull();
  });

  it("marks contacted now or at a given time", async () => {
    const now = await api.call("POST", "/api/v1/customers/A4/contacted", { key: api.keys.csm });
    expect(Math.abs(Date.parse(now.body.lastContactedAt) - Date.now())).toBeLessThan(60_000);
    const at = await api.call("POST", "/api/v1/customers/A4/contacted", {
      key: api.keys.csm,
      body: { at: "2026-06-09T10:00:00+02:00" },
    });
    expect(at.body.lastContactedAt).toBe("2026-06-09T08:00:00.000Z");
    expect(
      (await api.call("GET", "/api/v1/at-risk")).body.items.find((i: { customerId: string }) => i.customerId === "A4")
        .lastContactedAt,
    ).toBe("2026-06-09T08:00:00.000Z");
  });

  it("adds notes (author: the key's name), newest first", async () => {
    expect((await api.call("GET", "/api/v1/customers/A1")).body.notes).toEqual([]);
    const first = await api.call("POST", "/api/v1/customers/A1/notes", {
      key: api.keys.csm,
      body: { body: "  Called Jane; renewal worries  " },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ customerId: "A1", author: "csm tester", body: "Called Jane; renewal worries" });
    await api.call("POST", "/api/v1/customers/A1/notes", { key: api.keys.admin, body: { body: "Sent a discount" } });
    const notes = (await api.call("GET", "/api/v1/customers/A1")).body.notes;
    expect(notes.map((n: { body: string; author: string }) => [n.author, n.body])).toEqual([
      ["admin tester", "Sent a discount"],
      ["csm tester", "Called Jane; renewal worries"],
    ]);
  });

  it("validates every body, saying what was expected and what was found", async () => {
    const cases: [string, string, unknown, string][] = [
      [
        "POST",
        "/api/v1/customers/A1/snooze",
        { days: 0 },
        'body field "days": expected a whole number from 1 to 365, found 0',
      ],
      [
        "POST",
        "/api/v1/customers/A1/snooze",
        { days: "many" },
        'body field "days": expected a whole number from 1 to 365, found "many"',
      ],
      [
        "POST",
        "/api/v1/customers/A1/snooze",
        {},
        'body field "days": expected a whole number from 1 to 365, found nothing',
      ],
      [
        "POST",
        "/api/v1/customers/A1/snooze",
        { days: 3, until: "x" },
        'unknown body field "until": expected only days',
      ],
      ["POST", "/api/v1/customers/A1/snooze", [3], "expected a JSON object body, found an array"],
      [
        "PUT",
        "/api/v1/customers/A1/owner",
        { email: "not-an-email" },
        'body field "email": expected an email address, found "not-an-email"',
      ],
      [
        "POST",
        "/api/v1/customers/A1/notes",
        { body: "   " },
        'body field "body": expected a note of 1 to 5000 characters, found "   "',
      ],
      [
        "POST",
        "/api/v1/customers/A1/notes",
        { body: "x".repeat(5001) },
        `body field "body": expected a note of 1 to 5000 characters, found "${"x".repeat(76)}…`,
      ],
      [
        "POST",
        "/api/v1/customers/A1/contacted",
        { at: "yesterday" },
        'body field "at": expected an ISO 8601 timestamp with Z or an offset (2024-05-01T09:30:00Z), found "yesterday"',
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await api.call(method, path, { key: api.keys.csm, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body).slice(0, 40)}`).toBe(400);
      expect(res.body.error.code).toBe("BAD_INPUT");
      expect(res.body.error.message.startsWith(message.replace(/…$/, "")), res.body.error.message).toBe(true);
    }
    const noBody = await api.call("POST", "/api/v1/customers/A1/snooze", { key: api.keys.csm });
    expect(noBody.body.error.message).toBe("expected a JSON body with Content-Type: application/json, found none");
    const badJson = await api.call("POST", "/api/v1/customers/A1/snooze", {
      key: api.keys.csm,
      raw: "{",
      headers: { "content-type": "application/json" },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.message).toMatch(/^expected a JSON body, found invalid JSON/);
    const unknown = await api.call("POST", "/api/v1/customers/NOPE/snooze", { key: api.keys.csm, body: { days: 2 } });
    expect(unknown.status).toBe(404);
  });
});
