import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIGEST_DATE, seedDigestWorld } from "./helpers/digest-world.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

describe.each(testDialects())("retain digest send on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let env: NodeJS.ProcessEnv;
  const send = (...args: string[]) => runCli(["digest", "send", "--date", DIGEST_DATE, ...args], env);
  const claims = () => t.db.prisma().jobRun.count({ where: { job: "digest" } });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    await seedDigestWorld(t);
    env = {
      ...t.env,
      SMTP_URL: smtp.url,
      RETAIN_PUBLIC_URL: "http://retain.test",
      RETAIN_TIMEZONE: "America/New_York",
    };
  });
  afterAll(async () => {
    await smtp.stop();
    await t.drop();
  });

  it("--dry-run prints who would get what, and sends and claims nothing", async () => {
    const run = await send("--dry-run");
    expect(run.code, run.stderr).toBe(0);
    const rows = run.stdout.split("\n");
    expect(rows[0]).toMatch(/^to\s+would\s+newly\s+risers\s+renewals\s+follow-ups\s+subject$/);
    expect(rows.find((l) => l.startsWith("Ann Archer"))).toMatch(
      /^Ann Archer <ann@cs\.test>\s+would send\s+1\s+1\s+1\s+1\s+Retain: 1 newly at risk, 1 renewal at risk — Tue 9 Jun$/,
    );
    expect(rows.find((l) => l.startsWith("Bob Baker"))).toMatch(/nothing to send\s+0\s+0\s+0\s+0$/);
    expect(run.stdout).toContain(
      "Digest of 2026-06-09 (dry run: nothing sent): would send 2 · nothing to send 2 · already sent today 0",
    );
    const json = lastJsonLine((await send("--dry-run", "--json")).stdout);
    expect(json).toMatchObject({ date: DIGEST_DATE, dryRun: true, totals: { would_send: 2, sent: 0 } });
    expect(smtp.messages).toHaveLength(0);
    expect(await claims()).toBe(0);
  });

  it("two processes at once send one email per person; a rerun and a dry run then say already sent", async () => {
    const [a, b] = await Promise.all([send("--json"), send("--json")]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const ann = [a, b].map((r) =>
      lastJsonLine(r.stdout).outcomes.find((o: { email: string }) => o.email === "ann@cs.test"),
    );
    expect(ann.map((o) => o.status).sort()).toEqual(["already_sent", "sent"]);
    expect(smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(["ann@cs.test", "cara@cs.test"]);

    const again = await send();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Ann Archer <ann@cs\.test>\s+already sent today/m);
    expect(again.stdout).toContain("sent 0 · nothing to send 2 · already sent today 2 · failed 0");
    expect((await send("--dry-run")).stdout).toContain("would send 0 · nothing to send 2 · already sent today 2");
    expect(smtp.messages).toHaveLength(2);
  });

  it("refuses a day that does not exist (exit code 2)", async () => {
    const run = await runCli(["digest", "send", "--date", "2026-02-31"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--date/);
  });
});
