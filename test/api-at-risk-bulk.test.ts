import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const DAY_MS = 86_400_000;
/** The day `n` days after today (UTC), YYYY-MM-DD. */
const inDays = (n: number) => new Date((Math.floor(Date.now() / DAY_MS) + n) * DAY_MS).toISOString().slice(0, 10);

describe.each(testDialects())("bulk snooze and bulk assign over the API on %s", (dialect) => {
  let t: TestDatabase;
  let api: ApiClient;
  const post = (path: string, body: unknown, key = api.keys.csm) => api.call("POST", path, { key, body });
  const listed = async (query: string) => {
    const res = await api.call("GET", `/api/v1/at-risk${query}`, { key: api.keys.viewer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as { customerId: string; owner: string | null; snoozedUntil: string | null }[];
  };
  const timeline = async (id: string, kinds: string) =>
    (await api.call("GET", `/api/v1/customers/${id}?kinds=${kinds}`, { key: api.keys.viewer })).body.timeline;
  const changed = async () => ({
    states: Number((await t.db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM customer_state"))[0].n),
    events: Number((await t.db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM customer_events"))[0].n),
  });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedDashboardWorld(t);
    api = await startApiClient(t);
  });
  beforeEach(async () => {
    await t.db.sql.run("DELETE FROM customer_state");
    await t.db.sql.run("DELETE FROM customer_events");
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("snoozes every customer given until 00:00 UTC of the day, each timeline with its own event and the reason", async () => {
    const until = inDays(14);
    const res = await post("/api/v1/bulk/snooze", { customerIds: ["A1", "A4", "A1"], until, reason: "QBR booked" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      count: 2,
      customerIds: ["A1", "A4"],
      until: `${until}T00:00:00.000Z`,
      reason: "QBR booked",
    });
    expect((await listed("")).map((i) => i.customerId)).toEqual(["A5", "A2", "A3"]);
    const snoozed = await listed("?scope=snoozed");
    expect(snoozed).toMatchObject([
      { customerId: "A1", snoozedUntil: `${until}T00:00:00.000Z`, snoozeReason: "QBR booked" },
      { customerId: "A4", snoozedUntil: `${until}T00:00:00.000Z`, snoozeReason: "QBR booked" },
    ]);
    for (const id of ["A1", "A4"]) {
      const { items } = await timeline(id, "snooze");
      expect(items, id).toHaveLength(1);
      expect(JSON.stringify(items[0])).toContain("QBR booked");
      expect(JSON.stringify(items[0])).toContain(until);
    }
    const events = await t.db.sql.all<{ kind: string; actor: string; value: string }>(
      "SELECT kind, actor, value FROM customer_events ORDER BY id",
    );
    expect(events).toEqual([
      { kind: "snooze", actor: "csm tester", value: "QBR booked" },
      { kind: "snooze", actor: "csm tester", value: "QBR booked" },
    ]);
  });

  it("the Snoozed view shows the latest snooze's reason, and none once the snooze has ended", async () => {
    await post("/api/v1/customers/A2/snooze", { days: 3, reason: "on holiday" });
    expect((await listed("?scope=snoozed"))[0]).toMatchObject({ customerId: "A2", snoozeReason: "on holiday" });
    await post("/api/v1/bulk/snooze", { customerIds: ["A2"], until: inDays(30) });
    expect((await listed("?scope=snoozed"))[0]).toMatchObject({ customerId: "A2", snoozeReason: null });
    await api.call("DELETE", "/api/v1/customers/A2/snooze", { key: api.keys.csm });
    expect((await listed("?scope=all&q=beta"))[0]).toMatchObject({ snoozedUntil: null, snoozeReason: null });
  });

  it("assigns one owner to every customer given; each timeline records the owner before", async () => {
    const res = await post("/api/v1/bulk/owner", { customerIds: ["A1", "A3"], email: "zoe@cs.test" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ count: 2, customerIds: ["A1", "A3"], owner: "zoe@cs.test" });
    expect((await listed("?owner=zoe%40cs.test")).map((i) => i.customerId)).toEqual(["A1", "A3"]);
    expect(JSON.stringify(await timeline("A1", "owner"))).toContain("ann@cs.test");
    expect((await timeline("A3", "owner")).items).toHaveLength(1);
    const events = await t.db.sql.all<{ value: string; previous: string | null }>(
      "SELECT value, previous FROM customer_events ORDER BY id",
    );
    expect(events).toEqual([
      { value: "zoe@cs.test", previous: "ann@cs.test" },
      { value: "zoe@cs.test", previous: null },
    ]);
    const back = await post("/api/v1/bulk/owner", { customerIds: ["A1", "A3"], email: null });
    expect(back.body.owner).toBeNull();
    expect((await listed("?q=acme"))[0].owner).toBe("ann@cs.test");
  });

  it.each([
    [["A1", "A6"], 409, /^nothing changed, 1 of 2 customers refused: "A6" churned on 2026-06-20 \(expected active/],
    [["A1", "X9", "A6", "Y1"], 404, /refused: no customer "X9", "Y1" \(expected customer_ids imported.*; "A6" churned/],
  ])("changes nothing when one customer is churned or unknown, naming each: %j", async (ids, status, message) => {
    for (const [path, body] of [
      ["/api/v1/bulk/snooze", { customerIds: ids, until: inDays(7) }],
      ["/api/v1/bulk/owner", { customerIds: ids, email: "zoe@cs.test" }],
    ] as const) {
      const res = await post(path, body);
      expect(res.status, path).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.details.churned).toEqual(["A6"]);
      expect(await changed()).toEqual({ states: 0, events: 0 });
    }
  });

  it("caps a bulk action at 500 customers and needs at least one, saying how many it found", async () => {
    const many = Array.from({ length: 501 }, (_, i) => `C${i}`);
    const over = await post("/api/v1/bulk/snooze", { customerIds: many, until: inDays(7) });
    expect(over.status).toBe(400);
    expect(over.body.error.message).toBe(
      "customerIds: expected 1 to 500 customer ids per bulk action, found 501: select fewer customers " +
        "(one page of the list at most)",
    );
    const none = await post("/api/v1/bulk/owner", { customerIds: [], email: "zoe@cs.test" });
    expect(none.body.error.message).toBe("customerIds: expected 1 to 500 customer ids per bulk action, found 0");
    // 500 is allowed: they are all unknown here, so the answer names them (the first ten) and changes nothing
    const cap = await post("/api/v1/bulk/snooze", { customerIds: many.slice(0, 500), until: inDays(7) });
    expect(cap.status).toBe(404);
    expect(cap.body.error.message).toMatch(/"C9" and 490 more \(expected/);
    expect(cap.body.error.details.unknown).toHaveLength(500);
  });

  it.each([
    [{ customerIds: ["A1"], until: "2026-02-31" }, /^body field "until": expected a date YYYY-MM-DD that exists/],
    [{ customerIds: ["A1"], until: inDays(0) }, `until: expected a day from ${inDays(1)} to ${inDays(365)} `],
    [{ customerIds: ["A1"], until: inDays(366) }, `(after today, at most 365 days ahead), found "${inDays(366)}"`],
    [{ customerIds: ["A1"] }, /^body field "until": expected a date YYYY-MM-DD, found nothing$/],
    [
      { customerIds: "A1", until: inDays(2) },
      /^body field "customerIds": expected an array of customer ids, found "A1"/,
    ],
    [{ customerIds: ["A1"], until: inDays(2), days: 3 }, /^unknown body field "days": expected only customerIds/],
  ])("refuses a bad snooze body, saying what was expected and found: %j", async (body, message) => {
    const res = await post("/api/v1/bulk/snooze", body);
    expect(res.status).toBe(400);
    if (typeof message === "string") expect(res.body.error.message).toContain(message);
    else expect(res.body.error.message).toMatch(message);
    expect(await changed()).toEqual({ states: 0, events: 0 });
  });

  it("needs the csm role, and a cookie post from this origin", async () => {
    const viewer = await post("/api/v1/bulk/snooze", { customerIds: ["A1"], until: inDays(2) }, api.keys.viewer);
    expect(viewer.status).toBe(403);
    const owner = await post("/api/v1/bulk/owner", { customerIds: ["A1"], email: "not-an-email" });
    expect(owner.body.error.message).toBe('body field "email": expected an email address, found "not-an-email"');
    // as the single assign: the owner must be a user who can own accounts
    const stranger = await post("/api/v1/bulk/owner", { customerIds: ["A1", "A4"], email: "nobody@cs.test" });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.message).toMatch(
      /^owner: expected one of the users who can own accounts \(.*zoe@cs\.test.*\), found "nobody@cs\.test", who is not a user$/,
    );
    const signIn = await api.call("POST", "/api/v1/session", { key: null, body: { key: api.keys.csm } });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
    const body = { customerIds: ["A1"], until: inDays(2) };
    const cross = await api.call("POST", "/api/v1/bulk/snooze", {
      key: null,
      body,
      headers: { cookie, "sec-fetch-site": "cross-site" },
    });
    expect(cross.status).toBe(403);
    expect(cross.body.error.message).toMatch(/^cross-site request refused/);
    expect(await changed()).toEqual({ states: 0, events: 0 });
    const same = await api.call("POST", "/api/v1/bulk/snooze", {
      key: null,
      body,
      headers: { cookie, "sec-fetch-site": "same-origin" },
    });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
  });
});
