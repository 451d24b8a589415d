import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setCustomerState } from "../src/db/repositories/customer-state.ts";
import { assignArm, TriggerSource, type Outreach } from "../src/outreach/index.ts";
import {
  addCustomers,
  closedTicket,
  decisionsOf,
  followUpOf,
  testOutreach,
  upsertTickets,
  writeRiskRun,
} from "./helpers/outreach-world.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/** A customer id the real hash puts in the holdout at 50 %. */
const HELD_OUT = Array.from({ length: 40 }, (_, i) => `H${i}`).find(
  (c) => assignArm({ play: "ticket-closed", customerKey: c, share: 0.5 }) === "holdout",
)!;

describe.each(testDialects())("review before sending on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let outreach: Outreach;
  const clock = { now: new Date("2026-03-02T08:00:00Z") };
  const at = (iso: string) => (clock.now = new Date(iso));
  const env = { RETAIN_OUTREACH_REVIEW_MRR: "1000" };
  const close = async (o: Outreach, ids: string[], closedAt: string) =>
    o.enqueue(
      await upsertTickets(
        t,
        ids.map((c) => closedTicket(`T-${c}`, c, new Date(closedAt))),
      ),
      TriggerSource.Ingest,
    );
  const outboxOf = async (ticket: string) =>
    (
      await t.db.sql.all<Record<string, unknown>>(
        `SELECT o.* FROM outreach_outbox o JOIN outreach_follow_ups f ON f.id = o.follow_up_id JOIN tickets t ON
         t.id = f.ticket_id WHERE t.external_id = ?`,
        [ticket],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    await addCustomers(t, [
      { customer_id: "R1", name: "Big One", mrr: 2500, owner_email: "jane@acme.test", contact_name: "Ana Lopez" },
      { customer_id: "R2", name: "Small One", mrr: 500, owner_email: "jane@acme.test" },
      { customer_id: "R3", name: "Bob's Big", mrr: 3000, owner_email: "bob@acme.test" },
      { customer_id: "R4", name: "Capped", mrr: 4000, owner_email: "jane@acme.test" },
      { customer_id: "R5", name: "Forgotten", mrr: 2000, owner_email: "jane@acme.test" },
      { customer_id: HELD_OUT, name: "Control", mrr: 9000, owner_email: "jane@acme.test" },
    ]);
    await writeRiskRun(t, { asOf: "2026-03-01", atRisk: ["R1", "R2", "R3", "R4", "R5", HELD_OUT] });
    outreach = testOutreach(t, { clock, smtpUrl: smtp.url, env });
  });
  afterAll(async () => {
    outreach.close();
    await smtp.stop();
    await t.drop();
  });

  it("holds follow-ups above the MRR for review (the reviewer's own first); the rest go as planned", async () => {
    at("2026-03-02T08:00:00Z");
    await close(outreach, ["R1", "R2", "R3"], "2026-03-02T07:00:00Z");
    expect((await outreach.runOnce()).schedule.scheduled).toBe(3);
    expect((await decisionsOf(t, "T-R1")).map((d) => d.status)).toEqual(["scheduled", "held_for_review"]);
    expect((await outboxOf("T-R1")).review).toBe("pending");
    expect((await outboxOf("T-R2")).review).toBeNull();

    const forBob = await outreach.reviewQueue("bob@acme.test");
    expect(forBob.map((i) => i.customerId)).toEqual(["R3", "R1"]);
    expect((await outreach.reviewQueue("jane@acme.test")).map((i) => i.customerId)).toEqual(["R1", "R3"]);
    expect(forBob[1].mail?.subject).toBe("Your ticket T-R1: Subject of T-R1");
    expect(forBob[1].mail?.text.split("\n")[0]).toBe("Hi Ana,"); // customers.contact_name

    at("2026-03-03T07:00:00Z"); // the planned send: only the one not held goes
    expect((await outreach.runOnce()).delivery.sent).toBe(1);
    expect(smtp.messages.map((m) => m.envelope.to[0])).toEqual(["r2@customer.test"]);
  });

  it("edited and sent now: the reviewer's subject and text go out (HTML from the text), recorded as sent", async () => {
    at("2026-03-03T09:00:00Z");
    const [item] = (await outreach.reviewQueue("jane@acme.test")).filter((i) => i.customerId === "R1");
    const text = "Hi Ana,\n\nI saw your export ticket & wanted to call <today>.\n\nJane";
    expect(
      await outreach.sendReviewed({ outboxId: item.outboxId, reviewer: "Jane Doe", subject: "Quick call?", text }),
    ).toBe("sent");
    await smtp.waitFor(2);
    const mail = smtp.messages[1];
    expect(mail.envelope.to).toEqual(["r1@customer.test"]);
    expect(mail.header("subject")).toBe("Quick call?");
    expect(mail.text.replace(/\r\n/g, "\n").trimEnd()).toBe(text);
    expect(mail.html).toContain("<p>I saw your export ticket &amp; wanted to call &lt;today&gt;.</p>");
    expect(mail.header("list-unsubscribe")).toMatch(/^<http:\/\/retain\.test\/u\//);
    expect(await followUpOf(t, "T-R1")).toMatchObject({ status: "sent", outbox_status: "sent" });
    expect((await decisionsOf(t, "T-R1")).map((d) => d.status)).toEqual(["scheduled", "held_for_review", "sent"]);
    expect(await outboxOf("T-R1")).toMatchObject({
      review: "approved",
      reviewed_by: "Jane Doe",
      edited_subject: "Quick call?",
    });
    expect((await outreach.reviewQueue(null)).map((i) => i.customerId)).toEqual(["R3"]);
  });

  it("skipped with a reason (none is refused): cancelled, recorded with who and why, never sent", async () => {
    const [item] = await outreach.reviewQueue(null);
    await expect(
      outreach.skipReviewed({ outboxId: item.outboxId, reviewer: "Bob", reason: "  " }),
    ).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
    await outreach.skipReviewed({ outboxId: item.outboxId, reviewer: "Bob Smith", reason: "Renewal call tomorrow" });
    expect(await followUpOf(t, "T-R3")).toMatchObject({ status: "cancelled", reason: "review_skipped" });
    const [last] = await t.db.sql.all<{ detail: string }>(
      "SELECT detail FROM outreach_decisions ORDER BY id DESC LIMIT 1",
    );
    expect(last.detail).toBe("skipped by Bob Smith: Renewal call tomorrow");
    await expect(outreach.sendReviewed({ outboxId: item.outboxId, reviewer: "Bob Smith" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(smtp.messages).toHaveLength(2);
  });

  it("a held follow-up nobody reviews within its window is skipped and recorded as such", async () => {
    at("2026-03-10T08:00:00Z");
    await close(outreach, ["R5"], "2026-03-10T07:00:00Z");
    await outreach.runOnce();
    expect((await outboxOf("T-R5")).review).toBe("pending");
    at("2026-03-14T06:59:00Z"); // planned 03-11 07:00 + 72 h: not yet
    expect((await outreach.runOnce()).reviewExpired).toBe(0);
    at("2026-03-14T07:00:00Z");
    expect((await outreach.runOnce()).reviewExpired).toBe(1);
    expect(await followUpOf(t, "T-R5")).toMatchObject({
      status: "cancelled",
      reason: "review_expired",
      outbox_status: "cancelled",
    });
    expect((await decisionsOf(t, "T-R5")).at(-1)).toEqual({ status: "cancelled", reason: "review_expired" });
    expect((await outboxOf("T-R5")).review).toBe("expired");
    expect(smtp.messages).toHaveLength(2);
  });

  it("the frequency cap and the holdout still apply: a capped send now is cancelled, the control group is never held", async () => {
    at("2026-04-01T08:00:00Z");
    await close(outreach, ["R4"], "2026-04-01T07:00:00Z");
    await outreach.runOnce();
    const [item] = await outreach.reviewQueue(null);
    expect(item.customerId).toBe("R4");
    const r4 = Number((await t.db.sql.all<{ id: number }>("SELECT id FROM customers WHERE external_id = 'R4'"))[0].id);
    await setCustomerState(t.db.sql, { customerId: r4, fields: { lastContactedAt: new Date("2026-03-30T10:00:00Z") } });
    expect(await outreach.sendReviewed({ outboxId: item.outboxId, reviewer: "Jane Doe" })).toBe("cancelled");
    expect(await followUpOf(t, "T-R4")).toMatchObject({ status: "cancelled", reason: "frequency_cap" });

    const halves = testOutreach(t, {
      clock,
      smtpUrl: smtp.url,
      env: { ...env, RETAIN_OUTREACH_HOLDOUT_PERCENT: "50" },
    });
    await close(halves, [HELD_OUT], "2026-04-01T07:00:00Z");
    expect((await halves.runOnce()).schedule.heldOut).toBe(1);
    halves.close();
    expect(await followUpOf(t, `T-${HELD_OUT}`)).toMatchObject({
      status: "held_out",
      arm: "holdout",
      outbox_status: null,
    });
    expect(await outreach.reviewQueue(null)).toEqual([]);
    expect(smtp.messages).toHaveLength(2);
  });
  it("sent now as rendered (the form's text unchanged): no edit is recorded and the play's own HTML goes out", async () => {
    at("2026-05-04T08:00:00Z");
    await addCustomers(t, [{ customer_id: "R7", name: "Untouched", mrr: 5000, contact_name: "Lea Roy" }]);
    await writeRiskRun(t, { asOf: "2026-05-01", atRisk: ["R7"] });
    await close(outreach, ["R7"], "2026-05-04T07:00:00Z");
    await outreach.runOnce();
    const [item] = await outreach.reviewQueue(null);
    const asShown = { subject: item.mail!.subject, text: item.mail!.text.replace(/\n/g, "\r\n") }; // a form sends CRLF
    expect(await outreach.sendReviewed({ outboxId: item.outboxId, reviewer: "Jane Doe", ...asShown })).toBe("sent");
    const mail = smtp.messages.at(-1)!;
    expect(mail.envelope.to).toEqual(["r7@customer.test"]);
    expect(mail.html).toContain("<strong>T-R7</strong>");
    expect(await outboxOf("T-R7")).toMatchObject({ review: "approved", edited_subject: null, edited_text: null });
  });
});
