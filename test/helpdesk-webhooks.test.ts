import { createHash, createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../src/auth/index.ts";
import { ingestRecords } from "../src/ingest/index.ts";
import type { Outreach } from "../src/outreach/index.ts";
import { createApp } from "../src/server/index.ts";
import { addCustomers, followUpOf, testOutreach, writeRiskRun } from "./helpers/outreach-world.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const SECRETS = {
  RETAIN_ZENDESK_SECRET: "zendesk-signing-secret-0123456789",
  RETAIN_INTERCOM_SECRET: "intercom-client-secret-0123456789",
  RETAIN_FRESHDESK_SECRET: "freshdesk-shared-secret-0123456789",
};
const ORG = "8447346622462"; // the Zendesk organization id, imported as the customer's id

/** Signatures computed as each vendor documents them (independently of src/helpdesk). */
const zendeskSignature = (secret: string, timestamp: string, body: string) =>
  createHmac("sha256", secret)
    .update(timestamp + body)
    .digest("base64");
const intercomSignature = (secret: string, body: string) =>
  `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;

describe.each(testDialects())("helpdesk webhooks in the vendors' formats on %s", (dialect) => {
  let t: TestDatabase;
  let outreach: Outreach;
  let server: { url: string; close(): Promise<void> };
  let off: { url: string; close(): Promise<void> };
  const clock = { now: new Date("2026-03-02T10:00:00Z") };
  const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

  async function post(path: string, body: unknown, headers: Record<string, string>, url = server.url) {
    const raw = typeof body === "string" ? body : JSON.stringify(body);
    const res = await fetch(`${url}/api/v1/webhooks/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: raw,
    });
    return { status: res.status, body: await res.json() };
  }

  let csmKey = "";
  const auth = () => ({ authorization: `Bearer ${csmKey}` });
  const ticket = (id: string) =>
    t.db.prisma().ticket.findUniqueOrThrow({ where: { externalId: id }, include: { customer: true, agent: true } });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await addCustomers(t, [
      { customer_id: ORG, name: "Zed Org", email: "it@zed.test" },
      { customer_id: "IC1", name: "Intercom Co", email: "ops@icom.test" },
      { customer_id: "FD1", name: "Fresh Co", email: "help@fresh.test" },
      { customer_id: "IC2", name: "Other Co", email: "billing@other.test" },
      { customer_id: "ZD2", name: "Zed Two", email: "lead@zed2.test" },
    ]);
    const agents = await ingestRecords({
      db: t.db,
      kind: "agents",
      records: [{ agent_id: "A7", email: "kim@support.test" }],
    });
    expect(agents.rejected).toBe(0);
    await writeRiskRun(t, { asOf: "2026-03-01", atRisk: [ORG, "IC1", "FD1", "IC2", "ZD2"] });
    outreach = testOutreach(t, { clock, env: SECRETS });
    csmKey = (await createApiKey(t.db, { role: "csm" })).key;
    server = await serveApp(createApp({ db: t.db, config: t.config, outreach }));
    off = await serveApp(createApp({ db: t.db, config: t.config, outreach: testOutreach(t, { clock }) }));
  });
  afterAll(async () => {
    await server.close();
    await off.close();
    await t.drop();
  });

  describe("Zendesk", () => {
    const detail = (extra: Record<string, unknown>) => ({
      actor_id: "8447388090494",
      assignee_id: "8447388090494",
      created_at: "2026-03-01T09:00:00Z",
      id: "5158",
      organization_id: ORG,
      priority: "HIGH",
      requester_id: "8447388090495",
      status: "OPEN",
      subject: "Cannot log in to the mobile app",
      updated_at: "2026-03-01T09:00:00Z",
      via: { channel: "web" },
      ...extra,
    });
    const zevent = (id: string, type: string, time: string, d: Record<string, unknown>, event: unknown = {}) => ({
      account_id: 22129848,
      detail: detail(d),
      event,
      id,
      subject: "zen:ticket:5158",
      time,
      type: `zen:event-type:ticket.${type}`,
      zendesk_event_version: "2022-11-06",
    });
    const send = (body: unknown, o: { secret?: string; timestamp?: string; url?: string } = {}) => {
      const raw = typeof body === "string" ? body : JSON.stringify(body);
      const timestamp = o.timestamp ?? clock.now.toISOString().replace(/\.\d{3}Z$/, "Z");
      return post(
        "zendesk",
        raw,
        {
          "x-zendesk-webhook-signature": zendeskSignature(o.secret ?? SECRETS.RETAIN_ZENDESK_SECRET, timestamp, raw),
          "x-zendesk-webhook-signature-timestamp": timestamp,
        },
        o.url,
      );
    };
    const solved = zevent(
      "zd-3",
      "status_changed",
      "2026-03-02T09:30:00Z",
      { status: "SOLVED" },
      {
        current: "SOLVED",
        previous: "OPEN",
      },
    );

    it("maps created, a staff comment and solved to the ticket, and the solving queues the follow-up", async () => {
      const created = await send(zevent("zd-1", "created", "2026-03-01T09:00:00Z", {}));
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        status: "accepted",
        ticketId: "5158",
        customerId: ORG,
        change: "new",
        queued: 0,
      });
      expect(created.body.warnings).toEqual(['unknown agent "8447388090494": the ticket is stored without an agent']);
      const reply = {
        comment: { id: 1, body: "Looking into it", is_public: true, author: { id: 1, is_staff: true, name: "Kim" } },
      };
      expect((await send(zevent("zd-2", "comment_added", "2026-03-01T10:15:00Z", {}, reply))).status).toBe(200);

      const done = await send(solved);
      expect(done.body).toMatchObject({ status: "accepted", change: "updated", queued: 1, matchedBy: "external_id" });
      expect(await ticket("5158")).toMatchObject({
        subject: "Cannot log in to the mobile app",
        channel: "web",
        priority: "high",
        status: "solved",
        createdAt: new Date("2026-03-01T09:00:00Z"),
        firstResponseAt: new Date("2026-03-01T10:15:00Z"),
        closedAt: new Date("2026-03-02T09:30:00Z"),
        reopenedCount: 0,
      });
      expect((await outreach.runOnce()).schedule.scheduled).toBe(1);
      expect(await followUpOf(t, "5158")).toMatchObject({ status: "scheduled" });
    });

    it("refuses a bad or missing signature (401) and a replayed event id (409)", async () => {
      const forged = await send(zevent("zd-9", "status_changed", "2026-03-02T09:40:00Z", {}), {
        secret: "not-the-secret-0123",
      });
      expect(forged.status).toBe(401);
      expect(forged.body.error.message).toMatch(/^bad signature/);
      const unsigned = await post("zendesk", solved, {});
      expect(unsigned.status).toBe(401);
      const again = await send(solved);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe("event zendesk:zd-3 was already processed: a replay is ignored");
    });

    it("refuses a signature timestamp more than 5 minutes away (401), accepts one within", async () => {
      const late = (s: number) => new Date(clock.now.getTime() - s * 1000).toISOString();
      const body = zevent("zd-4", "priority_changed", "2026-03-02T09:45:00Z", { status: "SOLVED", priority: "URGENT" });
      const stale = await send(body, { timestamp: late(301) });
      expect(stale.status).toBe(401);
      expect(stale.body.error.message).toMatch(/too far from now/);
      expect((await send(body, { timestamp: late(299) })).status).toBe(200);
      expect(await ticket("5158")).toMatchObject({ priority: "urgent", closedAt: new Date("2026-03-02T09:30:00Z") });
    });

    it("counts a reopening (solved → open clears closed_at), ignores other event types, refuses a malformed body (400)", async () => {
      const reopened = zevent(
        "zd-5",
        "status_changed",
        "2026-03-02T09:50:00Z",
        {},
        { current: "OPEN", previous: "SOLVED" },
      );
      expect((await send(reopened)).status).toBe(200);
      expect(await ticket("5158")).toMatchObject({ status: "open", closedAt: null, reopenedCount: 1 });
      const user = await send({
        id: "zd-6",
        type: "zen:event-type:user.created",
        detail: { id: "1", email: "a@b.test" },
      });
      expect(user).toEqual({
        status: 200,
        body: {
          status: "ignored",
          vendor: "zendesk",
          reason: "Zendesk event type zen:event-type:user.created is not a ticket event: nothing to do",
        },
      });
      const noId = await send({ id: "zd-7", type: "zen:event-type:ticket.created", detail: { subject: "x" } });
      expect(noId.status).toBe(400);
      expect(noId.body.error.message).toMatch(/^expected a Zendesk ticket event: detail\.id: /);
      expect((await send("{not json")).body.error.message).toMatch(/^expected a JSON body, found invalid JSON/);
    });
  });

  it("Zendesk with the Users API configured: the requester's email and name come from Zendesk, and match", async () => {
    const seen: { url?: string; authorization?: string }[] = [];
    const users = createServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      res.setHeader("content-type", "application/json");
      if (req.url !== "/api/v2/users/99.json?include=organizations") return void res.writeHead(404).end("{}");
      const user = { id: 99, name: "Lee Lead", email: "lead@zed2.test", organization_id: 5, external_id: "u-1" };
      res.end(JSON.stringify({ user, organizations: [{ id: 5, name: "Zed Two", external_id: null }] }));
    });
    await new Promise<void>((resolve) => users.listen(0, "127.0.0.1", resolve));
    const env = {
      ...SECRETS,
      RETAIN_ZENDESK_URL: `http://127.0.0.1:${(users.address() as AddressInfo).port}`,
      RETAIN_ZENDESK_API_TOKEN: "agent@acme.test/token:tok123",
    };
    const withApi = await serveApp(
      createApp({ db: t.db, config: t.config, outreach: testOutreach(t, { clock, env }) }),
    );
    try {
      const raw = JSON.stringify({
        id: "zd-api-1",
        type: "zen:event-type:ticket.status_changed",
        time: "2026-03-02T09:35:00Z",
        detail: { id: "6001", status: "SOLVED", subject: "Billing question", requester_id: "99", organization_id: "5" },
        event: { current: "SOLVED", previous: "OPEN" },
      });
      const timestamp = clock.now.toISOString();
      const res = await post(
        "zendesk",
        raw,
        {
          "x-zendesk-webhook-signature": zendeskSignature(SECRETS.RETAIN_ZENDESK_SECRET, timestamp, raw),
          "x-zendesk-webhook-signature-timestamp": timestamp,
        },
        withApi.url,
      );
      expect(res.body).toMatchObject({ status: "accepted", customerId: "ZD2", matchedBy: "email", queued: 1 });
      expect(seen).toEqual([
        {
          url: "/api/v2/users/99.json?include=organizations",
          authorization: `Basic ${Buffer.from("agent@acme.test/token:tok123").toString("base64")}`,
        },
      ]);
      expect(await ticket("6001")).toMatchObject({ status: "solved", requesterName: "Lee Lead" });
      expect((await outreach.runOnce()).schedule.scheduled).toBe(1);
      expect(await followUpOf(t, "6001")).toMatchObject({ status: "scheduled" });
    } finally {
      await withApi.close();
      await new Promise((resolve) => users.close(resolve));
    }
  });

  describe("Intercom", () => {
    const conversation = (extra: Record<string, unknown>) => ({
      type: "conversation",
      id: "215470000000001",
      created_at: unix("2026-03-01T08:00:00Z"),
      updated_at: unix("2026-03-02T09:00:00Z"),
      title: null,
      state: "closed",
      open: false,
      priority: "not_priority",
      admin_assignee_id: 7,
      source: {
        type: "conversation",
        delivered_as: "customer_initiated",
        subject: "",
        body: "<p>The export button does nothing</p>",
        author: { type: "user", id: "5f1", name: "Olive Ops", email: "ops@icom.test" },
      },
      contacts: { type: "contact.list", contacts: [{ type: "contact", id: "5f1", external_id: "u-9" }] },
      statistics: {
        type: "conversation_statistics",
        first_admin_reply_at: unix("2026-03-01T08:20:00Z"),
        last_close_at: unix("2026-03-02T09:00:00Z"),
        count_reopens: 0,
      },
      ...extra,
    });
    const notification = (id: string, topic: string, createdAt: string, item: unknown) => ({
      type: "notification_event",
      app_id: "abc123",
      data: { type: "notification_event_data", item },
      links: {},
      id,
      topic,
      delivery_status: "pending",
      delivery_attempts: 1,
      delivered_at: 0,
      first_sent_at: unix(createdAt),
      created_at: unix(createdAt),
      self: null,
    });
    const send = (body: unknown, o: { secret?: string; url?: string } = {}) => {
      const raw = typeof body === "string" ? body : JSON.stringify(body);
      return post(
        "intercom",
        raw,
        { "x-hub-signature": intercomSignature(o.secret ?? SECRETS.RETAIN_INTERCOM_SECRET, raw) },
        o.url,
      );
    };
    const closed = notification("notif_1", "conversation.admin.closed", "2026-03-02T09:00:00Z", conversation({}));

    it("maps a closed conversation to a closed ticket and queues the follow-up", async () => {
      const res = await send(closed);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: "accepted", ticketId: "215470000000001", customerId: "IC1", queued: 1 });
      expect(await ticket("215470000000001")).toMatchObject({
        subject: "The export button does nothing",
        channel: "chat",
        priority: "normal",
        status: "closed",
        createdAt: new Date("2026-03-01T08:00:00Z"),
        firstResponseAt: new Date("2026-03-01T08:20:00Z"),
        closedAt: new Date("2026-03-02T09:00:00Z"),
        requesterName: "Olive Ops",
      });
      expect((await outreach.runOnce()).schedule.scheduled).toBe(1);
      expect(await followUpOf(t, "215470000000001")).toMatchObject({ status: "scheduled" });
    });

    it("refuses a bad signature (401), a replayed notification id (409) and a notification older than a day (401)", async () => {
      expect((await send(closed, { secret: "another-client-secret-000" })).body.error.message).toMatch(
        /^bad signature/,
      );
      expect((await post("intercom", closed, {})).status).toBe(401);
      const again = await send(closed);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe("event intercom:notif_1 was already processed: a replay is ignored");
      const old = await send(
        notification("notif_2", "conversation.admin.closed", "2026-03-01T09:00:00Z", conversation({})),
      );
      expect(old.status).toBe(401);
      expect(old.body.error.message).toMatch(/^stale notification: created 25 hours ago/);
    });

    it("counts a reopened conversation, ignores the ping, lists an unknown requester as unmatched, refuses a malformed body", async () => {
      const opened = conversation({
        state: "open",
        open: true,
        statistics: { count_reopens: 1, last_close_at: unix("2026-03-02T09:00:00Z") },
      });
      expect(
        (await send(notification("notif_3", "conversation.admin.opened", "2026-03-02T09:55:00Z", opened))).status,
      ).toBe(200);
      expect(await ticket("215470000000001")).toMatchObject({ status: "open", closedAt: null, reopenedCount: 1 });
      const ping = await send(
        notification("notif_4", "ping", "2026-03-02T09:56:00Z", { type: "ping", message: "hello" }),
      );
      expect(ping.body).toMatchObject({ status: "ignored", vendor: "intercom" });
      const stranger = conversation({
        id: "215470000000002",
        source: { type: "email", subject: "Invoice", author: { type: "lead", email: "who@nowhere.example" } },
      });
      const unknown = await send(
        notification("notif_5", "conversation.admin.closed", "2026-03-02T09:57:00Z", stranger),
      );
      expect(unknown.status).toBe(202);
      expect(unknown.body).toMatchObject({ status: "unmatched", ticketId: "215470000000002" });
      expect(unknown.body.reason).toMatch(/who@nowhere\.example/);
      const bad = await send({ type: "notification_event", id: "notif_6", created_at: unix("2026-03-02T09:58:00Z") });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^expected an Intercom notification_event .*: topic: .*; data: /);
    });
  });

  it("an unmatched vendor ticket linked on the Unmatched page is upserted and followed up like a matched one", async () => {
    const { items } = await (await fetch(`${server.url}/api/v1/unmatched?status=open`, { headers: auth() })).json();
    const item = items.find((i: { externalId: string }) => i.externalId === "215470000000002");
    expect(item).toMatchObject({ source: "intercom", payload: { format: "ticket-record" } });
    const linked = await fetch(`${server.url}/api/v1/unmatched/${item.id}/link`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ customerId: "IC2" }),
    });
    expect(linked.status).toBe(200);
    expect((await ticket("215470000000002")).customer.externalId).toBe("IC2");
    expect((await outreach.runOnce()).schedule.scheduled).toBe(1);
    expect(await followUpOf(t, "215470000000002")).toMatchObject({ status: "scheduled" });
  });

  describe("Freshdesk", () => {
    const fbody = (extra: Record<string, unknown>) => ({
      ticket: {
        id: "4512",
        subject: "Password reset link expired",
        status: "Resolved",
        priority: "Medium",
        source: "Email",
        type: "Question",
        requester: { email: "help@fresh.test", name: "Fran Fresh" },
        agent: { email: "KIM@support.test", name: "Kim" },
        ...extra,
      },
      triggered_event: "{Status:{from:Open,to:Resolved}}",
    });
    const send = (body: unknown, secret: string | null = SECRETS.RETAIN_FRESHDESK_SECRET, url?: string) =>
      post("freshdesk", body, secret === null ? {} : { "x-retain-freshdesk-secret": secret }, url);

    it("maps a resolved ticket (agent by email) and queues the follow-up", async () => {
      const res = await send(fbody({}));
      expect(res.status).toBe(200);
      const hash = createHash("sha256")
        .update(JSON.stringify(fbody({})))
        .digest("hex")
        .slice(0, 40);
      expect(res.body).toMatchObject({
        status: "accepted",
        eventId: `freshdesk:${hash}:r0`,
        customerId: "FD1",
        queued: 1,
        warnings: [],
      });
      const stored = await ticket("4512");
      expect(stored).toMatchObject({
        channel: "email",
        priority: "normal",
        status: "solved",
        category: "Question",
        closedAt: clock.now,
      });
      expect(stored.agent?.externalId).toBe("A7");
      expect((await outreach.runOnce()).schedule.scheduled).toBe(1);
      expect(await followUpOf(t, "4512")).toMatchObject({ status: "scheduled" });
    });

    it("refuses a wrong or missing secret (401), the same body again (409) unless reopened since, an unrendered id (400)", async () => {
      expect((await send(fbody({}), "wrong-secret-wrong-secret")).body.error.message).toMatch(/^bad secret/);
      expect((await send(fbody({}), null)).status).toBe(401);
      expect((await send(fbody({}))).status).toBe(409);
      clock.now = new Date("2026-03-02T10:05:00Z");
      expect((await send(fbody({ status: "Open" }))).status).toBe(200);
      expect(await ticket("4512")).toMatchObject({ status: "open", closedAt: null, reopenedCount: 1 });
      const again = await send(fbody({})); // resolved again: the same body as the first, after a reopening
      expect(again.body).toMatchObject({ status: "accepted", change: "updated" });
      expect(await ticket("4512")).toMatchObject({ status: "solved", closedAt: clock.now, reopenedCount: 1 });
      expect((await send(fbody({}))).status).toBe(409);
      clock.now = new Date("2026-03-02T10:00:00Z");
      const unrendered = await send(fbody({ id: "{{ticket.id}}" }));
      expect(unrendered.status).toBe(400);
      expect(unrendered.body.error.message).toMatch(/ticket\.id: the ticket id \(\{\{ticket\.id\}\}\)/);
    });
  });

  it("answers 404 naming the variable while a vendor's secret is unset, reading nothing", async () => {
    for (const [vendor, variable] of [
      ["zendesk", "RETAIN_ZENDESK_SECRET"],
      ["intercom", "RETAIN_INTERCOM_SECRET"],
      ["freshdesk", "RETAIN_FRESHDESK_SECRET"],
    ]) {
      const res = await post(vendor, "{}", {}, off.url);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain(`set ${variable} on the server`);
    }
  });
});
