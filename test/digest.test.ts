import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeUser } from "../src/auth/index.ts";
import { loadConfig, type Config } from "../src/config.ts";
import { snoozeCustomer, unsnoozeCustomer } from "../src/customers/index.ts";
import { findUserByEmail, openDatabase } from "../src/db/index.ts";
import { buildDigests, digestDay, runDailyDigest, type DigestRunResult } from "../src/digest/index.ts";
import { DIGEST_DATE, DIGEST_NOW, DIGEST_TIME_ZONE, seedDigestWorld } from "./helpers/digest-world.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const statusOf = (result: DigestRunResult) => Object.fromEntries(result.outcomes.map((o) => [o.email, o.status]));

describe.each(testDialects())("daily digest on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let config: Config;
  // Mail travels with CRLF line ends: read the bodies with LF.
  const sentTo = (address: string) =>
    smtp.messages
      .filter((m) => m.envelope.to.includes(address))
      .map((m) => Object.assign(m, { text: m.text.replace(/\r\n/g, "\n") }));
  const run = (date: string, options: { now?: Date; instance?: string } = {}) =>
    runDailyDigest({ db: t.db, config, date, now: options.now ?? DIGEST_NOW, instance: options.instance });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    await seedDigestWorld(t);
    config = loadConfig({
      DATABASE_URL: t.config.databaseUrl,
      RETAIN_DATA_DIR: t.config.dataDir,
      SMTP_URL: smtp.url,
      RETAIN_PUBLIC_URL: "http://retain.test",
      RETAIN_TIMEZONE: DIGEST_TIME_ZONE,
      RETAIN_CURRENCY: "EUR",
      RETAIN_MAIL_FROM: "Acme Customer Success <cs@acme.test>",
    });
  });
  afterAll(async () => {
    await smtp.stop();
    await t.drop();
  });

  it("sends each CSM with news one email: recipients, subject, sections and links; nobody else gets one", async () => {
    const result = await run(DIGEST_DATE);
    expect(statusOf(result)).toEqual({
      "ann@cs.test": "sent",
      "bob@cs.test": "nothing_to_send",
      "cara@cs.test": "sent",
      "zoe@cs.test": "nothing_to_send",
    });
    expect(result.totals).toMatchObject({ sent: 2, nothing_to_send: 2, already_sent: 0, failed: 0 });
    expect(result.runs).toEqual({ asOf: "2026-06-08", previousAsOf: "2026-06-01" });
    expect(smtp.messages.map((m) => m.envelope.to).sort()).toEqual([["ann@cs.test"], ["cara@cs.test"]]);

    const [ann] = sentTo("ann@cs.test");
    expect(ann.header("subject")).toBe("Retain: 1 newly at risk, 1 renewal at risk — Tue 9 Jun");
    expect(ann.header("to")).toBe("Ann Archer <ann@cs.test>");
    expect(ann.header("from")).toBe("Acme Customer Success <cs@acme.test>");
    expect(ann.envelope.from).toBe("cs@acme.test");
    expect(ann.header("message-id")).toBe(`<digest.${DIGEST_DATE}.${result.outcomes[0].userId}@acme.test>`);
    expect(ann.text).toContain("Good morning Ann,");
    expect(ann.text).toContain("risk run of 2026-06-08, compared with 2026-06-01");
    expect(ann.text).toContain(
      "Newly at risk (1)\n  • <script>alert(1)</script> & Co — risk 70% · MRR €200.00 · logins fell 40 % in 30 days\n" +
        "    http://retain.test/customers/A4",
    );
    expect(ann.text).toContain(
      "Biggest risers since the last run (1 of 1)\n  • Acme — risk 60% → 90% (+30 pts) · MRR €1,000.00\n" +
        "    http://retain.test/customers/A1",
    );
    expect(ann.text).toContain(
      "Renewals at risk in the next 30 days (1)\n  • Acme — renews 2026-07-01 (in 22 days) · risk 90% · MRR €1,000.00",
    );
    // Sent at 10:00 in New York yesterday; the ones at 23:30 the day before and 01:00 today are not yesterday's.
    expect(ann.text).toContain(
      "Follow-ups sent in your name yesterday (1)\n  • Acme — “Your ticket T-100: did we get it right?” · sent 10:00",
    );
    expect(ann.text).not.toMatch(/Too early|Too late/);
    expect(ann.text).toContain("My accounts: http://retain.test/at-risk?owner=me");
    expect(ann.text).not.toContain("Beta"); // Bob's customer

    expect(ann.html).toContain(
      '<a href="http://retain.test/customers/A4">&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</a>',
    );
    expect(ann.html).not.toContain("<script>");
    expect(ann.html).toContain('<a href="http://retain.test/customers/A1">Acme</a> — risk 60% → 90% (+30 pts)');
    expect(ann.html).toContain('<a href="http://retain.test/at-risk?owner=me">Open My accounts</a>');

    // Z1 went out in Cara's name before it was handed to Zoe: it is in Cara's digest, not Zoe's.
    const [cara] = sentTo("cara@cs.test");
    expect(cara.header("subject")).toBe("Retain: 1 follow-up sent — Tue 9 Jun");
    expect(cara.text).toContain("• Zeta — “Your ticket T-200: did we get it right?” · sent 11:30");
    expect(cara.text).toContain("http://retain.test/customers/Z1");
    expect(cara.text).not.toMatch(/Newly at risk|Biggest risers|Renewals at risk/);
  });

  it("a second run the same day sends nothing: every email is claimed as done", async () => {
    const before = smtp.messages.length;
    const result = await run(DIGEST_DATE);
    expect(statusOf(result)).toMatchObject({ "ann@cs.test": "already_sent", "cara@cs.test": "already_sent" });
    expect(smtp.messages).toHaveLength(before);
    const claims = await t.db.prisma().jobRun.findMany({ where: { job: "digest" }, orderBy: { runKey: "asc" } });
    expect(claims.map((c) => [c.runKey.replace(/\d+$/, "<user>"), c.status])).toEqual([
      [`digest:${DIGEST_DATE}:<user>`, "done"],
      [`digest:${DIGEST_DATE}:<user>`, "done"],
    ]);
    expect(JSON.parse(claims[0].counts!)).toMatchObject({ to: expect.stringMatching(/@cs\.test$/) });
  });

  it("two runs at once, on two connections, send one email per person", async () => {
    const second = openDatabase(t.config);
    try {
      const before = smtp.messages.length;
      const now = new Date("2026-06-10T11:00:00Z");
      const [a, b] = await Promise.all([
        runDailyDigest({ db: t.db, config, date: "2026-06-10", now, instance: "test-a:1" }),
        runDailyDigest({ db: second, config, date: "2026-06-10", now, instance: "test-b:2" }),
      ]);
      // On 2026-06-10 only Ann has news (yesterday's follow-ups are the 9th's: none).
      expect([statusOf(a)["ann@cs.test"], statusOf(b)["ann@cs.test"]].sort()).toEqual(["already_sent", "sent"]);
      expect(smtp.messages.slice(before).map((m) => m.envelope.to)).toEqual([["ann@cs.test"]]);
    } finally {
      await second.close();
    }
  });

  it("a failed send is recorded and retried by a later run", async () => {
    smtp.set({ reply: { code: 451, message: "try later", at: "rcpt" } });
    const failed = await run("2026-06-11");
    expect(statusOf(failed)["ann@cs.test"]).toBe("failed");
    expect(failed.outcomes.find((o) => o.email === "ann@cs.test")!.error).toMatch(/451/);
    smtp.set({ reply: null });
    const before = sentTo("ann@cs.test").length;
    const retried = await run("2026-06-11");
    expect(statusOf(retried)["ann@cs.test"]).toBe("sent");
    expect(sentTo("ann@cs.test")).toHaveLength(before + 1);
  });

  it("a revoked user gets none, and is back once restored", async () => {
    const ann = (await findUserByEmail(t.db, "ann@cs.test"))!;
    await changeUser(t.db, ann.id, { disabled: true });
    try {
      const before = smtp.messages.length;
      const result = await run("2026-06-12");
      expect(result.outcomes.map((o) => o.email)).not.toContain("ann@cs.test");
      expect(smtp.messages).toHaveLength(before);
    } finally {
      await changeUser(t.db, ann.id, { disabled: false });
    }
    const { digests } = await buildDigests({ db: t.db, day: digestDay("2026-06-12", DIGEST_TIME_ZONE), publicUrl: "" });
    expect(digests.map((d) => d.recipient.email)).toContain("ann@cs.test");
  });

  it("leaves snoozed customers out, as the at-risk list does", async () => {
    const day = digestDay(DIGEST_DATE, DIGEST_TIME_ZONE);
    await snoozeCustomer(t.db, { customerId: "A4", days: 7, now: DIGEST_NOW });
    try {
      const { digests } = await buildDigests({ db: t.db, day, publicUrl: "", now: DIGEST_NOW });
      const ann = digests.find((d) => d.recipient.email === "ann@cs.test")!;
      expect(ann.newlyAtRisk).toEqual({ items: [], total: 0 });
      expect(ann.risers.items.map((c) => c.id)).toEqual(["A1"]);
    } finally {
      await unsnoozeCustomer(t.db, { customerId: "A4", now: DIGEST_NOW });
    }
  });
});
