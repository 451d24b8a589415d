import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/server/index.ts";
import { createApiKey } from "../src/auth/index.ts";
import { signWebhook, type Outreach } from "../src/outreach/index.ts";
import { addCustomers, followUpOf, OUTREACH_TEST_ENV, testOutreach, writeRiskRun } from "./helpers/outreach-world.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const SECRET = OUTREACH_TEST_ENV.RETAIN_WEBHOOK_SECRET!;

describe.each(testDialects())("the ticket-closed webhook on %s", (dialect) => {
  let t: TestDatabase;
  let outreach: Outreach;
  let server: { url: string; close(): Promise<void> };
  let key: string;
  const clock = { now: new Date("2026-03-02T10:00:00Z") };
  const seconds = () => String(Math.floor(clock.now.getTime() / 1000));

  function event(id: string, ticket: Record<string, unknown>) {
    return {
      event_id: id,
      type: "ticket.closed",
      ticket: {
        id: "Z-1",
        subject: "Cannot log in",
        channel: "chat",
        status: "solved",
        created_at: "2026-03-01T09:00:00Z",
        closed_at: "2026-03-02T09:30:00Z",
        requester: { email: "Buyer@W1.test", name: "Maria Garcia" },
        agent: { id: "A-404" },
        ...ticket,
      },
    };
  }

  async function post(body: unknown, headers: { signature?: string; timestamp?: string } = {}) {
    const raw = typeof body === "string" ? body : JSON.stringify(body);
    const timestamp = headers.timestamp ?? seconds();
    const signature = headers.signature ?? signWebhook({ secret: SECRET, timestamp, body: raw });
    const res = await fetch(`${server.url}/api/v1/webhooks/ticket-closed`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-retain-signature": signature, "x-retain-timestamp": timestamp },
      body: raw,
    });
    return { status: res.status, body: await res.json() };
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await addCustomers(t, [
      { customer_id: "W1", name: "W One", email: "buyer@w1.test" },
      { customer_id: "W2", email: "shared@w.test" },
      { customer_id: "W3", email: "shared@w.test" },
    ]);
    await writeRiskRun(t, { asOf: "2026-03-01", atRisk: ["W1"] });
    outreach = testOutreach(t, { clock });
    key = (await createApiKey(t.db, { role: "viewer" })).key;
    server = await serveApp(createApp({ db: t.db, config: t.config, outreach }));
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it("accepts a signed event: matches the requester's email, upserts the ticket, queues the follow-up", async () => {
    const res = await post(event("evt-1", {}));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: "accepted",
      eventId: "evt-1",
      ticketId: "Z-1",
      customerId: "W1",
      change: "new",
      queued: 1,
      warnings: ['unknown agent "A-404": the ticket is stored without an agent'],
      matchedBy: "email",
    });
    const ticket = await t.db.prisma().ticket.findUniqueOrThrow({ where: { externalId: "Z-1" } });
    expect(ticket).toMatchObject({
      status: "solved",
      channel: "chat",
      subject: "Cannot log in",
      agentId: null,
      requesterName: "Maria Garcia", // the follow-up greets her
    });
    expect((await outreach.runOnce()).schedule.scheduled).toBe(1);
    expect(await followUpOf(t, "Z-1")).toMatchObject({ status: "scheduled" });
  });

  it("refuses a bad or missing signature (401) and stores nothing", async () => {
    const body = JSON.stringify(event("evt-2", { id: "Z-2" }));
    const forged = await post(body, {
      signature: signWebhook({ secret: "not-the-secret-at-all", timestamp: seconds(), body }),
    });
    expect(forged.status).toBe(401);
    expect(forged.body.error).toMatchObject({ code: "UNAUTHORIZED", message: expect.stringMatching(/^bad signature/) });
    const tampered = await post(body.replace("Cannot log in", "Cannot log out"), {
      signature: signWebhook({ secret: SECRET, timestamp: seconds(), body }),
    });
    expect(tampered.status).toBe(401);
    expect((await post(body, { signature: "" })).status).toBe(401);
    expect(await t.db.prisma().ticket.count({ where: { externalId: "Z-2" } })).toBe(0);
  });

  it("rejects a replay: an event id seen before (409) or a timestamp outside ±5 minutes (401)", async () => {
    const again = await post(event("evt-1", {}));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("event evt-1 was already processed: a replay is ignored");
    const old = await post(event("evt-3", { id: "Z-3" }), { timestamp: String(Number(seconds()) - 301) });
    expect(old.status).toBe(401);
    expect(old.body.error.message).toMatch(/too far from now/);
    expect((await post(event("evt-3", { id: "Z-3" }), { timestamp: String(Number(seconds()) - 299) })).status).toBe(
      200,
    );
  });

  it("refuses an invalid ticket with the ingest reasons (400), and a fixed resend of the same event goes through", async () => {
    const bad = await post(event("evt-4", { id: "Z-4", channel: "pigeon" }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'the ticket was refused: channel: unknown value: expected one of email|chat|phone|social|web|other, found "pigeon"',
    );
    const missing = await post({
      event_id: "evt-5",
      ticket: { id: "Z-5", created_at: "2026-03-01T09:00:00Z", requester: {} },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(
      /ticket\.closed_at: .*; ticket\.requester: a requester email or customer_id/,
    );
    expect((await post(event("evt-4", { id: "Z-4" }))).status).toBe(200);
  });

  it("keeps tickets of unknown or ambiguous customers in a visible unmatched list, and matches them once the customer exists", async () => {
    const unknown = await post(event("evt-6", { id: "Z-6", requester: { customer_id: "W9", email: "new@w9.test" } }));
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual({
      status: "unmatched",
      eventId: "evt-6",
      ticketId: "Z-6",
      reason: 'no customer with customer_id "W9", email "new@w9.test", domain w9.test',
      unmatchedId: expect.any(Number),
      candidates: [],
    });
    const ambiguous = await post(event("evt-7", { id: "Z-7", requester: { email: "shared@w.test" } }));
    expect(ambiguous.body).toMatchObject({
      reason: "2 customers have the email shared@w.test: W2, W3",
      candidates: ["W2", "W3"],
    });
    expect((await post(event("evt-6", { id: "Z-6" }))).status).toBe(409);

    const listed = await fetch(`${server.url}/api/v1/outreach/unmatched`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(listed.status).toBe(200);
    const { items } = await listed.json();
    expect(items.map((u: { ticketExternalId: string; reason: string }) => [u.ticketExternalId, u.reason])).toEqual([
      ["Z-7", "2 customers have the email shared@w.test: W2, W3"],
      ["Z-6", 'no customer with customer_id "W9", email "new@w9.test", domain w9.test'],
    ]);

    await addCustomers(t, [{ customer_id: "W9", email: "new@w9.test" }]);
    const env = { ...t.env, ...OUTREACH_TEST_ENV };
    const cli = await runCli(["outreach", "unmatched", "--retry", "--json"], env);
    expect(cli.code).toBe(0);
    const out = lastJsonLine(cli.stdout);
    expect(out.retried).toMatchObject({ tried: 2, resolved: 1 });
    expect(out.items.map((u: { ticketExternalId: string }) => u.ticketExternalId)).toEqual(["Z-7"]);
    const ticket = await t.db
      .prisma()
      .ticket.findUniqueOrThrow({ where: { externalId: "Z-6" }, include: { customer: true } });
    expect(ticket.customer.externalId).toBe("W9");
  });
});
