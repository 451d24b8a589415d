import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/server/index.ts";
import { createApiKey } from "../src/auth/index.ts";
import { assignArm, formatOutreachReport, TriggerSource, type Outreach } from "../src/outreach/index.ts";
import {
  addCustomers,
  closedTicket,
  followUpOf,
  OUTREACH_TEST_ENV,
  testOutreach,
  upsertTickets,
  writeRiskRun,
} from "./helpers/outreach-world.ts";
import { runCli } from "./helpers/run-cli.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/** Customers by the arm the real hash puts them in at a 50 % holdout. */
function pickCustomers(): { treated: string[]; held: string[] } {
  const ids = Array.from({ length: 60 }, (_, i) => `R${String(i).padStart(3, "0")}`);
  const arm = (c: string) => assignArm({ play: "ticket-closed", customerKey: c, share: 0.5 });
  return {
    treated: ids.filter((c) => arm(c) === "treatment").slice(0, 9),
    held: ids.filter((c) => arm(c) === "holdout").slice(0, 4),
  };
}

describe.each(testDialects())("outreach outcomes and report on %s", (dialect) => {
  let t: TestDatabase;
  let outreach: Outreach;
  let server: { url: string; close(): Promise<void> };
  let key: string;
  const clock = { now: new Date("2026-03-02T09:00:00Z") };
  const { treated, held } = pickCustomers();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await addCustomers(
      t,
      [...treated, ...held].map((c) => ({ customer_id: c, name: `Customer ${c}` })),
    );
    await addCustomers(t, [{ customer_id: "NOMAIL", name: "No Mail Ltd", email: "" }]);
    await writeRiskRun(t, { asOf: "2026-03-01", atRisk: [...treated, ...held, "NOMAIL"] });
    outreach = testOutreach(t, { clock, env: { RETAIN_OUTREACH_HOLDOUT_PERCENT: "50" } });
    key = (await createApiKey(t.db, { role: "viewer" })).key;
    server = await serveApp(createApp({ db: t.db, config: t.config, outreach }));
  });
  afterAll(async () => {
    outreach.close();
    await server.close();
    await t.drop();
  });

  it("records the holdout exactly like the treated arm, then who stayed when each 60-day window ends", async () => {
    const closedAt = new Date("2026-03-02T08:00:00Z");
    const ids = await upsertTickets(
      t,
      [...treated, ...held, "NOMAIL"].map((c) => closedTicket(`T-${c}`, c, closedAt)),
    );
    await outreach.enqueue(ids, TriggerSource.Import);
    expect((await outreach.runOnce()).schedule).toMatchObject({
      triggers: 14,
      scheduled: 9,
      heldOut: 4,
      suppressed: 1,
    });
    for (const c of held) {
      const f = await followUpOf(t, `T-${c}`);
      expect(f).toMatchObject({ status: "held_out", arm: "holdout", outbox_status: null });
      expect(new Date(f.planned_at as string).toISOString()).toBe("2026-03-03T08:00:00.000Z");
    }
    // The last treated customer's ticket reopens: that follow-up is cancelled, not compared.
    await upsertTickets(t, [
      { ...closedTicket(`T-${treated[8]}`, treated[8], closedAt), status: "open", closed_at: "", reopened_count: 1 },
    ]);

    clock.now = new Date("2026-03-03T08:00:00Z");
    const pass = await outreach.runOnce();
    expect(pass.delivery).toMatchObject({ sent: 8, cancelled: 1 });
    expect(pass.holdout).toEqual({ heldOut: 4, cancelled: 0 });
    const heldDecisions = await t.db.sql.all<{ status: string; planned_at: string | Date }>(
      `SELECT d.status, d.planned_at FROM outreach_decisions d JOIN customers c ON c.id = ` +
        `d.customer_id WHERE c.external_id = ? ORDER BY d.id`,
      [held[0]],
    );
    expect(heldDecisions.map((d) => d.status)).toEqual(["held_out", "held_out"]);
    expect(countOf(await t.db.sql.all("SELECT COUNT(*) AS n FROM outreach_outbox"))).toBe(9); // no message for the holdout, ever
    // Without SMTP_URL the emails are .eml files in data/outbox.
    const files = readdirSync(join(t.config.dataDir, "outbox")).filter((f) => f.endsWith(".eml"));
    expect(files).toHaveLength(8);
    expect(readFileSync(join(t.config.dataDir, "outbox", files[0]), "utf8")).toMatch(
      /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m,
    );

    // Churn after the sends: window end is 2026-05-02T08:00Z for everyone.
    const churn = (c: string, date: string) =>
      addCustomers(t, [{ customer_id: c, name: `Customer ${c}`, churn_date: date }]);
    await churn(treated[0], "2026-04-01");
    await churn(treated[1], "2026-05-02"); // midnight, before the window ends: churned
    await churn(treated[2], "2026-05-03"); // after the window: stayed
    await churn(held[0], "2026-03-20");
    await churn(held[1], "2026-04-15");

    clock.now = new Date("2026-05-02T07:59:59Z");
    expect((await outreach.runOnce()).outcomes).toEqual({ stayed: 0, churned: 0 });
    clock.now = new Date("2026-05-02T08:00:00Z");
    expect((await outreach.runOnce()).outcomes).toEqual({ stayed: 8, churned: 4 });
    expect((await outreach.runOnce()).outcomes).toEqual({ stayed: 0, churned: 0 });
    expect(await followUpOf(t, `T-${treated[1]}`)).toMatchObject({ outcome: "churned" });
    expect(await followUpOf(t, `T-${treated[2]}`)).toMatchObject({ outcome: "stayed" });
  });

  it("reports the hand-computed numbers: 6/8 treated vs 2/4 held out stayed, +25 pp, 95 % CI [−23.8, 64.3]", async () => {
    const report = await outreach.report();
    expect(report.total).toMatchObject({
      followUps: 14,
      scheduled: 9,
      sent: 8,
      heldOut: 4,
      suppressed: { total: 1, byReason: { no_email: 1 } },
      treatment: {
        assigned: 9,
        waiting: 0,
        reached: 8,
        failed: 0,
        cancelled: { total: 1, byReason: { ticket_reopened: 1 } },
        stayed: 6,
        churned: 2,
        windowOpen: 0,
      },
      holdout: { assigned: 4, waiting: 0, reached: 4, cancelled: { total: 0 }, stayed: 2, churned: 2, windowOpen: 0 },
    });
    expect(report.total.treatment.retention.rate).toBe(75);
    expect(report.total.holdout.retention.rate).toBe(50);
    const d = report.total.difference!;
    expect(d.points).toBeCloseTo(25, 10);
    expect(d.ci95[0]).toBeCloseTo(-23.84, 2);
    expect(d.ci95[1]).toBeCloseTo(64.29, 2);
    expect(Object.keys(report.byPlay)).toEqual(["ticket-closed"]);
    expect(Object.keys(report.byMonth)).toEqual(["2026-03"]);
    expect(report.byMonth["2026-03"]).toEqual(report.total);
    const text = formatOutreachReport(report);
    expect(text).toContain("retention difference, treated − holdout: +25.0 pp [-23.8, 64.3]");
    expect(text).toMatch(/retention \(95 % CI\)\s+75\.0 % \[40\.9–92\.9\]\s+50\.0 % \[15\.0–85\.0\]/);

    const api = await fetch(`${server.url}/api/v1/outreach/report?play=ticket-closed`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(api.status).toBe(200);
    expect((await api.json()).total).toEqual(JSON.parse(JSON.stringify(report.total)));
    expect(
      (
        await fetch(`${server.url}/api/v1/outreach/report?month=2026-03`, {
          headers: { authorization: `Bearer ${key}` },
        })
      ).status,
    ).toBe(400);
  });

  it("pages through the decision log with filters", async () => {
    const get = async (query: string) => {
      const res = await fetch(`${server.url}/api/v1/outreach/log?${query}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      return { status: res.status, body: await res.json() };
    };
    const first = await get("status=sent&limit=5");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(5);
    const second = await get(`status=sent&limit=5&before=${first.body.next}`);
    expect(second.body.items).toHaveLength(3);
    expect(second.body.next).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((e: { id: number }) => e.id);
    expect(new Set(ids).size).toBe(8);
    const one = await get(`customer=${held[0]}`);
    expect(one.body.items.map((e: { status: string; arm: string }) => [e.status, e.arm])).toEqual([
      ["held_out", "holdout"],
      ["held_out", "holdout"],
    ]);
    expect(one.body.items[0]).toMatchObject({
      customerId: held[0],
      ticketId: `T-${held[0]}`,
      play: "ticket-closed",
      modelVersion: "test-model-1",
      score: 0.8,
    });
    const suppressed = await get("status=suppressed");
    expect(suppressed.body.items).toEqual([
      expect.objectContaining({ customerId: "NOMAIL", reason: "no_email", detail: "customer has no email" }),
    ]);
    expect((await get("status=maybe")).status).toBe(400);
  });

  it("`retain outreach preview --customer ID` renders the email for that customer's latest closed ticket, sending nothing", async () => {
    const before = await t.db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM outreach_decisions");
    const cli = await runCli(["outreach", "preview", "--customer", held[0]], { ...t.env, ...OUTREACH_TEST_ENV });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`Subject: Your ticket T-${held[0]}: Subject of T-${held[0]}`);
    expect(cli.stdout).toContain(`To: Customer ${held[0]} <${held[0].toLowerCase()}@customer.test>`);
    expect(cli.stdout).toMatch(
      /^List-Unsubscribe: <http:\/\/retain\.test\/u\/\d+\.[\w-]{43}>, <mailto:cs@acme\.test\?subject=unsubscribe%20/m,
    );
    expect(cli.stdout).toContain("\nHello,\n"); // no contact name: a neutral greeting, never the company's name
    expect(cli.stdout).not.toContain(`Hello Customer ${held[0]}`);
    expect(await t.db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM outreach_decisions")).toEqual(before);
    await expect(outreach.preview({ ticket: "T-NOPE" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'no ticket "T-NOPE"',
    });
    await expect(outreach.preview({ ticket: `T-${held[0]}`, customer: held[1] })).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
  });
});

function countOf(rows: { n: number }[]): number {
  return Number(rows[0].n);
}
