import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/server/index.ts";
import { addUser, createApiKey } from "../src/auth/index.ts";
import { getCustomerState, setCustomerState } from "../src/db/repositories/customer-state.ts";
import { signUnsubscribeToken, TriggerSource, type Outreach } from "../src/outreach/index.ts";
import {
  addCustomers,
  closedTicket,
  decisionsOf,
  followUpOf,
  OUTREACH_TEST_ENV,
  testOutreach,
  upsertTickets,
  writeRiskRun,
} from "./helpers/outreach-world.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const CUSTOMERS = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12"];

describe.each(testDialects())("outreach delivery on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let outreach: Outreach;
  let server: { url: string; close(): Promise<void> };
  let key: string;
  const clock = { now: new Date("2026-03-02T08:00:00Z") };
  const at = (iso: string) => (clock.now = new Date(iso));
  const customerId = async (externalId: string) =>
    Number((await t.db.sql.all<{ id: number }>("SELECT id FROM customers WHERE external_id = ?", [externalId]))[0].id);
  const close = async (tickets: Record<string, unknown>[]) =>
    outreach.enqueue(await upsertTickets(t, tickets), TriggerSource.Ingest);
  const sentTo = (address: string) => smtp.messages.filter((m) => m.envelope.to.includes(address));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    await addCustomers(t, [
      {
        customer_id: "C1",
        name: "Northwind Traders",
        email: "ops@northwind.test",
        owner_email: "jane.doe@acme.test",
        timezone: "Europe/Paris",
      },
      ...CUSTOMERS.slice(1).map((id) => ({ customer_id: id, name: `Customer ${id}` })),
    ]);
    await writeRiskRun(t, { asOf: "2026-03-01", atRisk: CUSTOMERS });
    outreach = testOutreach(t, { clock, smtpUrl: smtp.url });
    key = (await createApiKey(t.db, { role: "csm" })).key;
    await addUser(t.db, { email: "jane.doe@acme.test", name: "Jane Q. Doe", role: "csm" }); // the owner is a user
    const app = createApp({
      db: t.db,
      config: t.config,
      outreach,
      onTicketsChanged: async (ids) => void (await outreach.enqueue(ids, TriggerSource.Ingest)),
    });
    server = await serveApp(app);
  });
  afterAll(async () => {
    outreach.close();
    await server.close();
    await smtp.stop();
    await t.drop();
  });

  it(
    "a ticket closed through HTTP ingest gets a follow-up a day later, with the owner CSM, the " +
      "unsubscribe headers and the ticket in it",
    async () => {
      at("2026-03-02T08:00:00Z");
      const ticket = {
        ...closedTicket("T-100", "C1", new Date("2026-03-02T07:00:00Z")),
        ticket_id: "4512",
        subject: "Export to CSV fails",
        requester_name: "Maria Garcia",
      };
      const res = await fetch(`${server.url}/api/v1/tickets`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify([ticket]),
      });
      expect(res.status).toBe(200);
      expect((await outreach.runOnce()).schedule).toMatchObject({ triggers: 1, scheduled: 1 });
      expect(smtp.messages).toHaveLength(0);
      const planned = await followUpOf(t, "4512");
      expect(new Date(planned.planned_at as string).toISOString()).toBe("2026-03-03T07:00:00.000Z");

      at("2026-03-03T07:00:00Z");
      expect((await outreach.runOnce()).delivery).toEqual({ sent: 1, deferred: 0, failed: 0, cancelled: 0 });
      const [mail] = sentTo("ops@northwind.test");
      const token = signUnsubscribeToken(await customerId("C1"), OUTREACH_TEST_ENV.RETAIN_UNSUBSCRIBE_SECRET!);
      expect(mail.header("list-unsubscribe")).toBe(
        `<http://retain.test/u/${token}>, <mailto:cs@acme.test?subject=unsubscribe%20${token}>`,
      );
      expect(mail.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(mail.header("from")).toBe('"Jane Q. Doe" <jane.doe@acme.test>'); // the user's name
      expect(mail.header("reply-to")).toBe('"Jane Q. Doe" <jane.doe@acme.test>');
      expect(mail.header("sender")).toBe("Acme Customer Success <cs@acme.test>");
      expect(mail.header("to")).toBe("Northwind Traders <ops@northwind.test>");
      expect(mail.header("subject")).toBe("Your ticket #4512: Export to CSV fails");
      expect(mail.envelope).toEqual({ from: "cs@acme.test", to: ["ops@northwind.test"] });
      expect(mail.header("content-type")).toMatch(/^multipart\/alternative/);
      // The person who asked, by first name; the company and the product by name; a link anyone can open.
      expect(mail.text.split(/\r?\n/)[0]).toBe("Hi Maria,");
      expect(mail.text).not.toContain("Northwind Traders,");
      expect(mail.text).toContain('#4512 ("Export to CSV fails")');
      expect(mail.text).toMatch(/Jane Q. Doe\r?\nAcme Analytics Inc.\r?\n/);
      expect(mail.text).toContain("your team uses Acme Insights from Acme Analytics Inc.");
      expect(mail.text).toContain(`To stop these follow-ups: http://retain.test/u/${token}`);
      expect(mail.html).toContain("<p>Hi Maria,</p>");
      expect(mail.html).toContain("<strong>#4512</strong> (&ldquo;Export to CSV fails&rdquo;)");
      expect(mail.html).toContain("anything about Acme Insights is still not working");
      expect(mail.html).toContain(`href="http://retain.test/u/${token}"`);
      const row = await followUpOf(t, "4512");
      expect(mail.header("message-id")).toBe(row.message_id);
      expect(row).toMatchObject({ status: "sent", outbox_status: "sent", attempts: 1 });
      const log = await t.db.sql.all<Record<string, unknown>>(
        "SELECT status, model_version, score, drivers, rule, run_id, template FROM outreach_decisions ORDER BY id",
      );
      expect(log.map((d) => d.status)).toEqual(["scheduled", "sent"]);
      for (const d of log) {
        expect(d).toMatchObject({
          model_version: "test-model-1",
          score: 0.8,
          template: expect.stringMatching(/^ticket-closed@[0-9a-f]{8}$/),
        });
        expect(JSON.parse(d.drivers as string)[0].text).toBe("logins fell 40 % in 30 days");
        expect(JSON.parse(d.rule as string)).toEqual({ kind: "threshold", value: 0.5 });
      }
      expect((await getCustomerState(t.db.sql, await customerId("C1")))?.lastContactedAt?.toISOString()).toBe(
        "2026-03-03T07:00:00.000Z",
      );
      expect((await outreach.runOnce()).delivery.sent).toBe(0);
    },
  );

  it(
    "re-checks just before sending: reopened, unsubscribed (one-click), snoozed, churned, contacted, " +
      "other ticket open, no longer at risk",
    async () => {
      at("2026-04-01T10:00:00Z");
      const closedAt = new Date("2026-04-01T09:00:00Z");
      const cases = ["C2", "C3", "C4", "C5", "C6", "C7", "C8"];
      await close(cases.map((c) => closedTicket(`T-${c}`, c, closedAt)));
      expect((await outreach.runOnce()).schedule.scheduled).toBe(7);

      await upsertTickets(t, [
        { ...closedTicket("T-C2", "C2", closedAt), closed_at: "", status: "open", reopened_count: 1 },
      ]);
      const token = signUnsubscribeToken(await customerId("C3"), OUTREACH_TEST_ENV.RETAIN_UNSUBSCRIBE_SECRET!);
      const page = await fetch(`${server.url}/u/${token}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`<form method="post" action="/u/${token}">`);
      const oneClick = await fetch(`${server.url}/u/${token}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      expect(oneClick.status).toBe(200);
      await setCustomerState(t.db.sql, {
        customerId: await customerId("C4"),
        fields: { snoozedUntil: new Date("2026-04-20T00:00:00Z") },
      });
      await addCustomers(t, [{ customer_id: "C5", name: "Customer C5", churn_date: "2026-04-01" }]);
      await setCustomerState(t.db.sql, {
        customerId: await customerId("C6"),
        fields: { lastContactedAt: new Date("2026-04-01T12:00:00Z") },
      });
      await upsertTickets(t, [
        { ticket_id: "T-C7-b", customer_id: "C7", created_at: "2026-04-01T15:00:00Z", status: "open" },
      ]);
      await writeRiskRun(t, { asOf: "2026-04-01", atRisk: CUSTOMERS.filter((c) => c !== "C8") });

      at("2026-04-02T09:00:00Z");
      const before = smtp.messages.length;
      expect((await outreach.runOnce()).delivery).toEqual({ sent: 0, deferred: 0, failed: 0, cancelled: 7 });
      expect(smtp.messages.length).toBe(before);
      const expected: Record<string, string> = {
        C2: "ticket_reopened",
        C3: "unsubscribed",
        C4: "snoozed",
        C5: "churned",
        C6: "frequency_cap",
        C7: "other_ticket_open",
        C8: "not_at_risk",
      };
      for (const [c, reason] of Object.entries(expected)) {
        expect(await followUpOf(t, `T-${c}`)).toMatchObject({
          status: "cancelled",
          reason,
          outbox_status: "cancelled",
        });
        expect(await decisionsOf(t, `T-${c}`)).toEqual([
          { status: "scheduled", reason: null },
          { status: "cancelled", reason },
        ]);
      }
      expect((await getCustomerState(t.db.sql, await customerId("C3")))?.unsubscribedAt?.toISOString()).toBe(
        "2026-04-01T10:00:00.000Z",
      );
      await writeRiskRun(t, { asOf: "2026-04-02", atRisk: CUSTOMERS });
    },
  );

  it("one follow-up per customer, ticket and play, and at most one per customer per 14 days", async () => {
    at("2026-05-04T10:00:00Z");
    await close([closedTicket("T-9a", "C9", new Date("2026-05-04T08:00:00Z"))]);
    await close([closedTicket("T-9b", "C9", new Date("2026-05-04T09:00:00Z"))]);
    const counts = await outreach.runOnce();
    expect(counts.schedule).toMatchObject({ triggers: 2, scheduled: 1, suppressed: 1 });
    expect(await followUpOf(t, "T-9b")).toMatchObject({ status: "suppressed", reason: "frequency_cap" });
    expect(await decisionsOf(t, "T-9b")).toEqual([{ status: "suppressed", reason: "frequency_cap" }]);
    // The same closing arriving again (a re-import, a second event) decides nothing new.
    await t.db.sql.run(
      "INSERT INTO outreach_triggers (ticket_id, source, received_at) SELECT id, 'ingest', ? FROM tickets WHERE external_id = 'T-9a'",
      [clock.now],
    );
    expect((await outreach.runOnce()).schedule).toMatchObject({ triggers: 1, scheduled: 0, skipped: { duplicate: 1 } });
    at("2026-05-05T09:00:00Z");
    expect((await outreach.runOnce()).delivery.sent).toBe(1);
    expect(sentTo("c9@customer.test")).toHaveLength(1);
  });

  it("SMTP down, then up: the message waits with backoff and is delivered once, later", async () => {
    at("2026-06-01T10:00:00Z");
    await close([closedTicket("T-10", "C10", new Date("2026-06-01T09:00:00Z"))]);
    await outreach.runOnce();
    await smtp.stop();
    at("2026-06-02T09:00:00Z");
    expect((await outreach.runOnce()).delivery).toMatchObject({ sent: 0, deferred: 1 });
    const waiting = await followUpOf(t, "T-10");
    expect(waiting).toMatchObject({ status: "scheduled", outbox_status: "pending", attempts: 1, rejections: 0 });
    expect(new Date(waiting.due_at as string).toISOString()).toBe("2026-06-02T09:01:00.000Z");
    at("2026-06-02T09:00:30Z");
    expect((await outreach.runOnce()).delivery.deferred).toBe(0); // not due yet: backing off
    at("2026-06-02T09:01:00Z");
    expect((await outreach.runOnce()).delivery.deferred).toBe(1);
    expect(new Date((await followUpOf(t, "T-10")).due_at as string).toISOString()).toBe("2026-06-02T09:03:00.000Z"); // 60 s, then 120 s
    await smtp.start();
    at("2026-06-02T09:03:00Z");
    expect((await outreach.runOnce()).delivery.sent).toBe(1);
    expect((await outreach.runOnce()).delivery.sent).toBe(0);
    expect(sentTo("c10@customer.test")).toHaveLength(1);
    expect(await decisionsOf(t, "T-10")).toEqual([
      { status: "scheduled", reason: null },
      { status: "deferred", reason: "smtp_transient" },
      { status: "deferred", reason: "smtp_transient" },
      { status: "sent", reason: null },
    ]);
  });

  it("a 4xx reply is retried; a 5xx for the recipient fails the follow-up and marks the address bounced", async () => {
    at("2026-07-01T10:00:00Z");
    await close([closedTicket("T-11", "C11", new Date("2026-07-01T09:00:00Z"))]);
    await outreach.runOnce();
    smtp.set({ reply: { code: 451, at: "rcpt", message: "mailbox busy" } });
    at("2026-07-02T09:00:00Z");
    expect((await outreach.runOnce()).delivery.deferred).toBe(1);
    expect(await followUpOf(t, "T-11")).toMatchObject({ outbox_status: "pending", rejections: 1 });
    smtp.set({ reply: { code: 550, at: "rcpt", message: "no such user" } });
    at("2026-07-02T10:00:00Z");
    try {
      expect((await outreach.runOnce()).delivery.failed).toBe(1);
    } finally {
      smtp.set({ reply: null });
    }
    expect(await followUpOf(t, "T-11")).toMatchObject({
      status: "failed",
      reason: "smtp_bounce",
      outbox_status: "failed",
    });
    expect((await getCustomerState(t.db.sql, await customerId("C11")))?.bouncedAt).toBeInstanceOf(Date);
    at("2026-07-20T10:00:00Z");
    await close([closedTicket("T-11b", "C11", new Date("2026-07-20T09:00:00Z"))]);
    await outreach.runOnce();
    expect(await followUpOf(t, "T-11b")).toMatchObject({ status: "suppressed", reason: "bounced" });
  });

  it("customer-supplied names and subjects cannot inject headers or recipients", async () => {
    at("2026-08-03T10:00:00Z");
    await addCustomers(t, [{ customer_id: "C12", name: "Evil Corp\r\nBcc: victim@evil.test" }]);
    await setCustomerState(t.db.sql, {
      customerId: await customerId("C12"),
      fields: { ownerEmail: "csm@acme.test\r\nBcc: victim2@evil.test" },
    });
    const subject = "Help\r\nBcc: victim3@evil.test\r\nSubject: free money\r\n\r\n<script>alert(1)</script>";
    await close([{ ...closedTicket("T-12", "C12", new Date("2026-08-03T09:00:00Z")), subject }]);
    await outreach.runOnce();
    at("2026-08-04T09:00:00Z");
    expect((await outreach.runOnce()).delivery.sent).toBe(1);
    const [mail] = sentTo("c12@customer.test");
    expect(mail.envelope.to).toEqual(["c12@customer.test"]);
    expect(smtp.messages.some((m) => m.envelope.to.some((a) => a.includes("evil.test")))).toBe(false);
    const head = mail.raw.slice(0, mail.raw.search(/\r?\n\r?\n/));
    expect(head).not.toMatch(/^(bcc|cc):/im);
    expect(head.match(/^subject:/gim)).toHaveLength(1);
    expect(mail.headers.has("bcc")).toBe(false);
    expect(mail.header("to")).toBe(`"Evil Corp Bcc: victim@evil.test" <c12@customer.test>`); // one quoted display name
    expect(mail.header("from")).toBe("Acme Customer Success <cs@acme.test>"); // the unusable owner override is ignored
    expect(mail.text).toContain("Help Bcc: victim3@evil.test Subject: free money <script>");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).not.toContain("<script>");
  });
});
