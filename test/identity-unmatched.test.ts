import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueUnmatched, resolveCustomer } from "../src/identity/index.ts";
import { signWebhook, TICKET_RECORD_FORMAT, type Outreach } from "../src/outreach/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { addCustomers, followUpOf, OUTREACH_TEST_ENV, testOutreach, writeRiskRun } from "./helpers/outreach-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const SECRET = OUTREACH_TEST_ENV.RETAIN_WEBHOOK_SECRET!;

describe.each(testDialects())("the unmatched queue: link and dismiss on %s", (dialect) => {
  let t: TestDatabase;
  let outreach: Outreach;
  let api: ApiClient;
  const clock = { now: new Date("2026-03-02T10:00:00Z") };
  const ids: Record<string, number> = {};

  /** A signed native ticket-closed event for ticket `id` from `email`. */
  async function closeTicket(eventId: string, id: string, email: string) {
    const raw = JSON.stringify({
      event_id: eventId,
      ticket: {
        id,
        subject: `Question ${id}`,
        channel: "email",
        created_at: "2026-03-01T09:00:00Z",
        closed_at: "2026-03-02T09:30:00Z",
        requester: { email, name: "Maria Garcia" },
      },
    });
    const timestamp = String(Math.floor(clock.now.getTime() / 1000));
    const res = await fetch(`${api.url}/api/v1/webhooks/ticket-closed`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-retain-timestamp": timestamp,
        "x-retain-signature": signWebhook({ secret: SECRET, timestamp, body: raw }),
      },
      body: raw,
    });
    return { status: res.status, body: await res.json() };
  }
  const item = async (id: number) =>
    (await api.call("GET", "/api/v1/unmatched?status=all", { key: api.keys.csm })).body.items.find(
      (i: { id: number }) => i.id === id,
    );
  const ticketCustomer = async (ticket: string) =>
    (
      await t.db.sql.all<{ external_id: string }>(
        "SELECT c.external_id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.external_id = ?",
        [ticket],
      )
    )[0]?.external_id ?? null;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await addCustomers(t, [
      { customer_id: "W1", name: "W One", email: "buyer@w1.test" },
      { customer_id: "SA", name: "Shared A", email: "a@shared.test" },
      { customer_id: "SB", name: "Shared B", email: "b@shared.test" },
    ]);
    await writeRiskRun(t, { asOf: "2026-03-01", atRisk: ["W1", "SA", "SB"] });
    outreach = testOutreach(t, { clock });
    api = await startApiClient(t, { outreach });
    for (const [event, ticket, email] of [
      ["e1", "T-1", "maria@gmail.com"],
      ["e2", "T-2", "intern@shared.test"],
      ["e3", "T-3", "spam@junk.test"],
      ["e5", "T-5", "lee@yahoo.com"],
      ["e6", "T-6", "Lee@Yahoo.com"],
    ]) {
      const res = await closeTicket(event, ticket, email);
      expect(res.status).toBe(202);
      ids[ticket] = res.body.unmatchedId;
    }
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("lists the open items with what was received and the candidates (csm; a viewer is refused)", async () => {
    const res = await api.call("GET", "/api/v1/unmatched", { key: api.keys.csm });
    expect(res.status).toBe(200);
    expect(res.body.open).toBe(5);
    const t2 = res.body.items.find((i: { externalId: string }) => i.externalId === "T-2");
    expect(t2).toMatchObject({
      kind: "ticket",
      source: "webhook",
      status: "open",
      subject: "Question T-2",
      requester: { email: "intern@shared.test", name: "Maria Garcia", customerRef: null },
      reason: "no customer has the email intern@shared.test, and 2 customers own the domain shared.test: SA, SB",
    });
    expect(t2.candidates.map((c: { externalId: string; rule: string }) => [c.externalId, c.rule])).toEqual([
      ["SA", "domain"],
      ["SB", "domain"],
    ]);
    expect((await api.call("GET", "/api/v1/unmatched", { key: api.keys.viewer })).status).toBe(403);
  });

  it("a link upserts the ticket, queues its follow-up, learns the email: the next ticket from it matches by itself", async () => {
    const res = await api.call("POST", `/api/v1/unmatched/${ids["T-1"]}/link`, {
      key: api.keys.csm,
      body: { customerId: "W1" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: ids["T-1"],
      customer: { externalId: "W1", name: "W One" },
      outcome: "ticket T-1 new for W1, 1 follow-up decision queued",
      taught: "maria@gmail.com",
      movedFrom: null,
      alsoLinked: [],
    });
    expect(await ticketCustomer("T-1")).toBe("W1");
    expect((await outreach.runOnce()).schedule.scheduled).toBe(1);
    expect(await followUpOf(t, "T-1")).toMatchObject({ status: "scheduled" });
    expect(await item(ids["T-1"])).toMatchObject({
      status: "linked",
      customer: { externalId: "W1", name: "W One" },
      matchRule: "manual",
      resolvedBy: "csm tester",
      resolvedAt: expect.any(String),
    });
    const contact = await t.db.sql.all("SELECT email, source FROM customer_contacts");
    expect(contact).toEqual([{ email: "maria@gmail.com", source: "link" }]);

    const next = await closeTicket("e4", "T-4", "Maria@Gmail.com");
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ status: "accepted", customerId: "W1", matchedBy: "contact_email", queued: 1 });

    const again = await api.call("POST", `/api/v1/unmatched/${ids["T-1"]}/link`, {
      key: api.keys.csm,
      body: { customerId: "W1" },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      new RegExp(`^item ${ids["T-1"]} was already linked to W1 by csm tester at `),
    );
  });

  it("linking one item links the other open items from the same email", async () => {
    const res = await api.call("POST", `/api/v1/unmatched/${ids["T-5"]}/link`, {
      key: api.keys.csm,
      body: { customerId: "SA" },
    });
    expect(res.body).toMatchObject({ taught: "lee@yahoo.com", alsoLinked: [ids["T-6"]] });
    expect(await item(ids["T-6"])).toMatchObject({ status: "linked", matchRule: "contact_email" });
    expect([await ticketCustomer("T-5"), await ticketCustomer("T-6")]).toEqual(["SA", "SA"]);
  });

  it("refuses an unknown customer (404) and leaves the item open; links to a candidate", async () => {
    const unknown = await api.call("POST", `/api/v1/unmatched/${ids["T-2"]}/link`, {
      key: api.keys.csm,
      body: { customerId: "NOPE" },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('no customer with id "NOPE"');
    expect((await item(ids["T-2"])).status).toBe("open");
    const ok = await api.call("POST", `/api/v1/unmatched/${ids["T-2"]}/link`, {
      key: api.keys.csm,
      body: { customerId: "SB" },
    });
    expect(ok.status).toBe(200);
    expect(await ticketCustomer("T-2")).toBe("SB");
  });

  it("dismisses with a reason, keeping who and when; the ticket is never stored", async () => {
    const none = await api.call("POST", `/api/v1/unmatched/${ids["T-3"]}/dismiss`, {
      key: api.keys.csm,
      body: { reason: "  " },
    });
    expect(none.status).toBe(400);
    const res = await api.call("POST", `/api/v1/unmatched/${ids["T-3"]}/dismiss`, {
      key: api.keys.csm,
      body: { reason: "spam, not a customer" },
    });
    expect(res.status).toBe(200);
    expect(await item(ids["T-3"])).toMatchObject({
      status: "dismissed",
      note: "spam, not a customer",
      resolvedBy: "csm tester",
      customer: null,
    });
    expect(await ticketCustomer("T-3")).toBeNull();
    const link = await api.call("POST", `/api/v1/unmatched/${ids["T-3"]}/link`, {
      key: api.keys.csm,
      body: { customerId: "W1" },
    });
    expect(link.status).toBe(409);
    const open = await api.call("GET", "/api/v1/unmatched", { key: api.keys.csm });
    expect(open.body).toMatchObject({ items: [], open: 0, next: null });
    const dismissed = await api.call("GET", "/api/v1/unmatched?status=dismissed", { key: api.keys.csm });
    expect(dismissed.body.items.map((i: { externalId: string }) => i.externalId)).toEqual(["T-3"]);
  });

  it("links a helpdesk door's ticket record; a record processing refuses stays open with why", async () => {
    const queueRecord = async (ticketId: string, channel: string) => {
      const ref = { email: "agent.smith@matrix.test", name: "Agent Smith" };
      const resolution = await resolveCustomer(t.db, ref);
      if (resolution.status === "matched") throw new Error("expected no match");
      const record = {
        ticket_id: ticketId,
        created_at: "2026-03-01T09:00:00Z",
        closed_at: "2026-03-02T09:30:00Z",
        status: "closed",
        channel,
        subject: "From Zendesk",
      };
      return queueUnmatched(t.db, {
        kind: "ticket",
        source: "zendesk",
        eventId: `zd-${ticketId}`,
        externalId: ticketId,
        ref,
        subject: record.subject,
        payload: { format: TICKET_RECORD_FORMAT, record },
        resolution,
        receivedAt: clock.now,
      });
    };
    const bad = await queueRecord("ZD-9", "pigeon");
    const refused = await api.call("POST", `/api/v1/unmatched/${bad}/link`, {
      key: api.keys.csm,
      body: { customerId: "W1" },
    });
    expect(refused.status).toBe(400);
    expect(await item(bad)).toMatchObject({
      status: "open",
      customer: null,
      reason: expect.stringMatching(/^linking to W1 failed: the ticket was refused: channel: unknown value/),
    });
    expect(await t.db.sql.all("SELECT 1 FROM customer_contacts WHERE email = 'agent.smith@matrix.test'")).toEqual([]);
    const good = await queueRecord("ZD-10", "web");
    const linked = await api.call("POST", `/api/v1/unmatched/${good}/link`, {
      key: api.keys.csm,
      body: { customerId: "W1" },
    });
    expect(linked.body.outcome).toBe("ticket ZD-10 new for W1, 1 follow-up decision queued");
    expect(await ticketCustomer("ZD-10")).toBe("W1");
  });
});
