import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TriggerSource, type Outreach } from "../src/outreach/index.ts";
import {
  addCustomers,
  closedTicket,
  OUTREACH_TEST_ENV,
  testOutreach,
  upsertTickets,
  writeRiskRun,
} from "./helpers/outreach-world.ts";
import { lastJsonLine, RETAIN_BIN, runCli } from "./helpers/run-cli.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { writeCsv } from "./helpers/write-csv.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const CLAIM_SECONDS = 6;

describe.each(testDialects())("outreach workers as separate processes on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let outreach: Outreach;
  let env: NodeJS.ProcessEnv;
  const clock = { now: new Date() };

  /** Customers at risk whose tickets closed 30 h ago: their follow-ups are due as soon as they are decided. */
  async function dueWorld(prefix: string, n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    await addCustomers(
      t,
      ids.map((c) => ({ customer_id: c, name: `Customer ${c}` })),
    );
    await writeRiskRun(t, { asOf: new Date().toISOString().slice(0, 10), atRisk: ids });
    clock.now = new Date();
    const closedAt = new Date(Date.now() - 30 * 3_600_000);
    await outreach.enqueue(
      await upsertTickets(
        t,
        ids.map((c) => closedTicket(`T-${c}`, c, closedAt)),
      ),
      TriggerSource.Ingest,
    );
    return ids;
  }

  const count = async (sql: string, params: string[] = []) =>
    Number((await t.db.sql.all<{ n: number }>(sql, params))[0].n);
  const sentIn = (prefix: string) =>
    count(
      "SELECT COUNT(*) AS n FROM outreach_outbox o JOIN outreach_follow_ups f ON f.id = o.follow_up_id " +
        "JOIN customers c ON c.id = f.customer_id WHERE o.status = 'sent' AND c.external_id LIKE ?",
      [`${prefix}%`],
    );
  const receivedIn = (prefix: string) => smtp.messages.filter((m) => m.envelope.to[0].startsWith(prefix.toLowerCase()));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    outreach = testOutreach(t, { clock });
    env = { ...t.env, ...OUTREACH_TEST_ENV, SMTP_URL: smtp.url, RETAIN_OUTREACH_CLAIM_SECONDS: String(CLAIM_SECONDS) };
  });
  afterAll(async () => {
    await smtp.stop();
    await t.drop();
  });

  it("two `retain outreach run` processes racing: every follow-up decided once, every message sent exactly once", async () => {
    const ids = await dueWorld("K", 16);
    smtp.set({ delayMs: 15 });
    const [a, b] = await Promise.all([
      runCli(["outreach", "run", "--json"], env),
      runCli(["outreach", "run", "--json"], env),
    ]);
    smtp.set({ delayMs: 0 });
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const [ca, cb] = [lastJsonLine(a.stdout), lastJsonLine(b.stdout)];
    expect(ca.schedule.scheduled + cb.schedule.scheduled).toBe(16);
    expect(ca.delivery.sent + cb.delivery.sent).toBe(16);
    const received = receivedIn("K");
    expect(received).toHaveLength(16);
    expect(new Set(received.map((m) => m.header("message-id"))).size).toBe(16);
    expect(new Set(received.map((m) => m.envelope.to[0])).size).toBe(16);
    expect(await sentIn("K")).toBe(16);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM outreach_decisions d JOIN customers c ON c.id = d.customer_id WHERE " +
          "d.status = 'sent' AND c.external_id LIKE 'K%'",
      ),
    ).toBe(16);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM outreach_follow_ups f JOIN customers c ON c.id = f.customer_id WHERE c.external_id LIKE 'K%'",
      ),
    ).toBe(ids.length);
  });

  it("SMTP down while messages are due, then back: two workers racing deliver every message exactly once", async () => {
    await dueWorld("P", 12);
    const retryAtOnce = { ...env, RETAIN_OUTREACH_RETRY_SECONDS: "0" }; // the backoff has passed by the time SMTP is back
    const race = () =>
      Promise.all([
        runCli(["outreach", "run", "--json"], retryAtOnce),
        runCli(["outreach", "run", "--json"], retryAtOnce),
      ]);
    await smtp.stop();
    let down: Awaited<ReturnType<typeof race>>;
    try {
      down = await race();
    } finally {
      await smtp.start();
    }
    expect(
      down.map((r) => r.code),
      down.map((r) => r.stderr).join(""),
    ).toEqual([0, 0]);
    const [downA, downB] = down.map((r) => lastJsonLine(r.stdout));
    expect(downA.schedule.scheduled + downB.schedule.scheduled).toBe(12); // every follow-up decided once
    expect(downA.delivery.sent + downB.delivery.sent).toBe(0);
    expect(downA.delivery.deferred + downB.delivery.deferred).toBeGreaterThanOrEqual(12);
    expect(receivedIn("P")).toHaveLength(0);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM outreach_outbox o JOIN outreach_follow_ups f ON f.id = o.follow_up_id " +
          "JOIN customers c ON c.id = f.customer_id WHERE o.status = 'pending' AND c.external_id LIKE 'P%'",
      ),
    ).toBe(12);

    smtp.set({ delayMs: 15 }); // each send takes a moment: both workers are at it together
    let up: Awaited<ReturnType<typeof race>>;
    try {
      up = await race();
    } finally {
      smtp.set({ delayMs: 0 });
    }
    expect(
      up.map((r) => r.code),
      up.map((r) => r.stderr).join(""),
    ).toEqual([0, 0]);
    const [ua, ub] = up.map((r) => lastJsonLine(r.stdout));
    expect(ua.delivery.sent + ub.delivery.sent).toBe(12);
    const received = receivedIn("P");
    expect(received).toHaveLength(12);
    expect(new Set(received.map((m) => m.header("message-id"))).size).toBe(12);
    expect(new Set(received.map((m) => m.envelope.to[0])).size).toBe(12);
    expect(await sentIn("P")).toBe(12);
  });

  it("a worker killed mid-send loses nothing and sends nothing twice after a restart", async () => {
    await dueWorld("L", 8);
    smtp.set({ delayMs: 200 });
    const child = spawn(process.execPath, [RETAIN_BIN, "outreach", "run"], { env, stdio: "ignore" });
    const exited = new Promise((r) => child.once("exit", r));
    try {
      const until = Date.now() + 30_000;
      while ((await sentIn("L")) < 2) {
        if (child.exitCode !== null || Date.now() > until)
          throw new Error("the worker finished (or stalled) before it could be killed");
        await new Promise((r) => setTimeout(r, 20));
      }
      await smtp.nextHold(); // the worker is now waiting on the SMTP server with a claimed message
      child.kill("SIGKILL");
      await exited;
    } finally {
      smtp.set({ delayMs: 0 });
    }
    const sentBefore = await sentIn("L");
    expect(sentBefore).toBeGreaterThanOrEqual(2);
    expect(sentBefore).toBeLessThan(8);
    expect(receivedIn("L")).toHaveLength(sentBefore); // every accepted email was recorded
    expect(
      await count("SELECT COUNT(*) AS n FROM outreach_outbox WHERE status = 'pending' AND claimed_by IS NOT NULL"),
    ).toBe(1);

    // The dead worker's claim lapses after RETAIN_OUTREACH_CLAIM_SECONDS; then a new run finishes the batch.
    await new Promise((r) => setTimeout(r, CLAIM_SECONDS * 1000 + 300));
    const rerun = await runCli(["outreach", "run", "--json"], env);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(lastJsonLine(rerun.stdout).delivery.sent).toBe(8 - sentBefore);
    const received = receivedIn("L");
    expect(received).toHaveLength(8);
    expect(new Set(received.map((m) => m.header("message-id"))).size).toBe(8);
    expect(await sentIn("L")).toBe(8);
    expect(
      await count(
        "SELECT MAX(attempts) AS n FROM outreach_outbox o JOIN outreach_follow_ups f ON f.id = " +
          "o.follow_up_id JOIN customers c ON c.id = f.customer_id WHERE c.external_id LIKE 'L%'",
      ),
    ).toBe(2);
  });

  it("a CSV import that closes tickets queues their follow-ups (recent closings only); the next run decides them", async () => {
    await addCustomers(t, [
      { customer_id: "M0", name: "Customer M0" },
      { customer_id: "M1", name: "Customer M1" },
    ]);
    await writeRiskRun(t, { asOf: new Date().toISOString().slice(0, 10), atRisk: ["M0"] });
    const iso = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
    const file = writeCsv(
      join(t.config.dataDir, "csv"),
      "tickets.csv",
      ["ticket_id", "customer_id", "created_at", "closed_at", "status"],
      [
        ["T-M0", "M0", iso(30), iso(2), "closed"],
        ["T-M1", "M1", iso(30), iso(2), "solved"],
        ["T-M0-old", "M0", iso(900), iso(800), "closed"],
        ["T-M1-open", "M1", iso(5), "", "open"],
      ],
    );
    const imported = await runCli(["import", "--kind", "tickets", file, "--json"], env);
    expect(imported.code, imported.stderr).toBe(0);
    const queued = await t.db.sql.all<{ external_id: string; source: string }>(
      "SELECT t.external_id, q.source FROM outreach_triggers q JOIN tickets t ON t.id = q.ticket_id " +
        "WHERE t.external_id LIKE 'T-M%' ORDER BY t.external_id",
    );
    expect(queued).toEqual([
      { external_id: "T-M0", source: "import" },
      { external_id: "T-M1", source: "import" },
    ]);
    clock.now = new Date();
    expect((await outreach.runOnce()).schedule).toMatchObject({
      triggers: 2,
      scheduled: 1,
      skipped: { not_at_risk: 1 },
    });
  });
});
