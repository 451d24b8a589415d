import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDateToDay } from "../src/db/index.ts";
import { linkUnmatched, listUnmatched } from "../src/identity/index.ts";
import { createApp } from "../src/server/index.ts";
import { usageUnmatchedProcessor } from "../src/tracking/index.ts";
import { createFactories } from "./helpers/factories.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const WRITE_KEY = "wk_segment_source_0123";
const basic = (user: string, password = "") => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe.each(testDialects())("Segment-compatible tracking on %s", (dialect) => {
  let t: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  let off: { url: string; close(): Promise<void> };

  async function post(path: "track" | "batch", body: unknown, options: { auth?: string | null; url?: string } = {}) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    const auth = options.auth === undefined ? basic(WRITE_KEY) : options.auth;
    if (auth) headers.authorization = auth;
    const res = await fetch(`${options.url ?? server.url}/api/v1/${path}`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: await res.json() };
  }

  async function usage(externalId: string, metric: string, day: string): Promise<number | null> {
    const [row] = await t.db.sql.all<{ value: number }>(
      `SELECT u.value FROM usage u JOIN customers c ON c.id = u.customer_id JOIN metrics m ON m.id = u.metric_id
       WHERE c.external_id = ? AND m.name = ? AND u.day = ?`,
      [externalId, metric, isoDateToDay(day)],
    );
    return row ? Number(row.value) : null;
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const f = createFactories(t.db);
    await f.customers(
      { customer_id: "U1", email: "admin@one.test" },
      { customer_id: "U2", email: "Team@Two.test" },
      { customer_id: "U3", email: "same@dup.test" },
      { customer_id: "U4", email: "same@dup.test" },
    );
    server = await serveApp(
      createApp({ db: t.db, config: { ...t.config, segmentWriteKey: WRITE_KEY }, rateLimitPerMinute: 100_000 }),
    );
    off = await serveApp(createApp({ db: t.db, config: t.config }));
  });
  afterAll(async () => {
    await server?.close();
    await off?.close();
    await t?.drop();
  });

  it("answers 404 naming RETAIN_SEGMENT_WRITE_KEY when unset; 401 without Basic auth or with another key", async () => {
    const track = { userId: "U1", event: "Signed In", messageId: "m-off" };
    const unset = await post("track", track, { url: off.url });
    expect(unset.status).toBe(404);
    expect(unset.body.error.message).toContain("RETAIN_SEGMENT_WRITE_KEY");
    const none = await post("track", track, { auth: null });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Basic");
    expect((await post("track", track, { auth: basic("wk_other_key_0000") })).status).toBe(401);
    expect((await post("batch", { batch: [track] }, { auth: `Bearer ${WRITE_KEY}` })).status).toBe(401);
    expect(await usage("U1", "signed_in", new Date().toISOString().slice(0, 10))).toBeNull();
  });

  it("track counts per customer, UTC day and event name; the same messageId twice counts once", async () => {
    const e = {
      type: "track",
      userId: "U1",
      event: "Report Exported",
      timestamp: "2026-05-04T23:30:00-02:00",
      messageId: "m-1",
    };
    const first = await post("track", e);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 1, counted: 1, duplicates: 0, ignored: {}, rejected: 0, errors: [] });
    const again = await post("track", e);
    expect(again.body).toMatchObject({ counted: 0, duplicates: 1 });
    await post("track", { ...e, messageId: "m-2", timestamp: "2026-05-05T08:00:00Z" });
    await post("track", { ...e, messageId: "m-3", timestamp: "2026-05-04T21:00:00Z" });
    expect(await usage("U1", "report_exported", "2026-05-05")).toBe(2); // 23:30 at −02:00 is 01:30 UTC the next day
    expect(await usage("U1", "report_exported", "2026-05-04")).toBe(1);
  });

  it("batch: counts track messages (by userId, groupId or email), ignores other types with a count, per-record errors", async () => {
    const day = "2026-05-06T10:00:00Z";
    const res = await post("batch", {
      batch: [
        { type: "track", userId: "U1", event: "Dashboard Viewed", timestamp: day, messageId: "b-1" },
        {
          type: "track",
          userId: "person-9",
          groupId: "U2",
          event: "Dashboard Viewed",
          timestamp: day,
          messageId: "b-2",
        },
        {
          type: "track",
          anonymousId: "a1",
          event: "Dashboard Viewed",
          timestamp: day,
          messageId: "b-3",
          context: { traits: { email: "team@two.test" } },
        },
        { type: "track", userId: "ghost", event: "Dashboard Viewed", timestamp: day, messageId: "b-4" },
        {
          type: "track",
          anonymousId: "a2",
          event: "Dashboard Viewed",
          timestamp: day,
          properties: { email: "same@dup.test" },
        },
        { type: "identify", userId: "U1", traits: { email: "admin@one.test" } },
        { type: "page", userId: "U1", name: "Home" },
        { type: "track", userId: "U1", timestamp: day, messageId: "b-5" },
        { type: "track", userId: "U1", event: "Dashboard Viewed", timestamp: "yesterday", messageId: "b-6" },
        { type: "track", userId: "U1", event: "Dashboard Viewed", timestamp: day, messageId: "b-1" },
      ],
    });
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({
      received: 10,
      counted: 3,
      duplicates: 1,
      ignored: { identify: 1, page: 1 },
      rejected: 4,
    });
    expect(res.body.errors).toEqual([
      { index: 3, column: "userId", reason: expect.stringContaining('unknown user: no customer with userId "ghost"') },
      { index: 4, column: "userId", reason: expect.stringContaining("2 customers have the email same@dup.test") },
      { index: 7, column: "event", reason: expect.stringContaining("event's name") },
      { index: 8, column: "timestamp", reason: expect.stringContaining('"yesterday"') },
    ]);
    expect(await usage("U1", "dashboard_viewed", "2026-05-06")).toBe(1);
    expect(await usage("U2", "dashboard_viewed", "2026-05-06")).toBe(2);
    const none = await post("batch", { batch: [{ type: "track", userId: "ghost", event: "X", messageId: "b-7" }] });
    expect(none.status).toBe(400);
  });

  it("a batch's context applies to its messages; a message without a timestamp counts on the day received", async () => {
    const res = await post("batch", {
      batch: [{ type: "track", event: "Signed In", messageId: "c-1" }],
      context: { traits: { email: "admin@one.test" } },
    });
    expect(res.body).toMatchObject({ counted: 1, rejected: 0 });
    expect(await usage("U1", "signed_in", new Date().toISOString().slice(0, 10))).toBe(1);
  });

  it("bounded: 413 over 32 KB on /track and over 500 KB on /batch; an event over 32 KB in a batch is a per-record error", async () => {
    const big = "x".repeat(33 * 1024);
    const track = await post("track", { userId: "U1", event: "Big", properties: { big }, messageId: "l-1" });
    expect(track.status).toBe(413);
    expect(track.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const many = Array.from({ length: 20 }, (_, i) => ({
      type: "track",
      userId: "U1",
      event: "Big",
      properties: { big },
      messageId: `l-${i}`,
    }));
    expect((await post("batch", { batch: many })).status).toBe(413);
    const one = await post("batch", {
      batch: [
        {
          type: "track",
          userId: "U1",
          event: "Big",
          properties: { big },
          messageId: "l-big",
          timestamp: "2026-05-07T00:00:00Z",
        },
        { type: "track", userId: "U1", event: "Big", messageId: "l-small", timestamp: "2026-05-07T00:00:00Z" },
      ],
    });
    expect(one.status).toBe(207);
    expect(one.body.errors).toEqual([{ index: 0, column: "*", reason: expect.stringContaining("32768 bytes") }]);
    expect(await usage("U1", "big", "2026-05-07")).toBe(1);
    expect((await post("batch", "not json")).status).toBe(400);
    expect((await post("batch", { events: [] })).body.error.message).toContain('"batch"');
  });

  it("an unknown user's event waits in the unmatched queue (kind event); linked, it is counted once", async () => {
    const e = {
      type: "track",
      userId: "acct-77",
      event: "Seat Added",
      timestamp: "2026-05-08T09:00:00Z",
      messageId: "q-1",
    };
    const res = await post("track", e);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].reason).toContain("unmatched queue");
    const { items } = await listUnmatched(t.db, { kind: "event" });
    const item = items.find((i) => i.eventId === "q-1")!;
    expect(item).toMatchObject({ source: "segment", subject: "Seat Added", requester: { customerRef: "acct-77" } });
    const processors = { event: usageUnmatchedProcessor({ db: t.db }) };
    const linked = await linkUnmatched(t.db, { id: item.id, customerId: "U2", actor: "csm@test", processors });
    expect(linked.outcome).toContain("counted for U2");
    expect(await usage("U2", "seat_added", "2026-05-08")).toBe(1);
    expect((await post("track", { ...e, userId: "U2" })).body).toMatchObject({ counted: 0, duplicates: 1 });
  });

  it("remembers message ids for 30 days: a repeat within them counts once, the table forgets older ones", async () => {
    const old = new Date(Date.now() - 31 * 86_400_000);
    await t.db.sql.run("INSERT INTO tracked_messages (message_id, received_at) VALUES (?, ?)", ["old-1", old]);
    const e = { userId: "U2", event: "Export Run", timestamp: "2026-05-09T10:00:00Z", messageId: "old-1" };
    expect((await post("track", e)).body).toMatchObject({ counted: 1, duplicates: 0 });
    expect((await post("track", e)).body).toMatchObject({ counted: 0, duplicates: 1 });
    expect(await usage("U2", "export_run", "2026-05-09")).toBe(1);
  });
});
