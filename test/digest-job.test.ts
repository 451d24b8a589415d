import cron from "node-cron";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDailyDigest } from "../jobs/daily-digest.ts";
import { loadConfig, type Config } from "../src/config.ts";
import { isCronExpression } from "../src/cron-expression.ts";
import { seedDigestWorld } from "./helpers/digest-world.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

describe.each(testDialects())("the daily digest schedule on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let config: Config;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    await seedDigestWorld(t);
    config = loadConfig({
      DATABASE_URL: t.config.databaseUrl,
      RETAIN_DATA_DIR: t.config.dataDir,
      SMTP_URL: smtp.url,
      RETAIN_PUBLIC_URL: "http://retain.test",
      RETAIN_TIMEZONE: "America/New_York",
    });
  });
  afterAll(async () => {
    await smtp.stop();
    await t.drop();
  });

  it("is on with SMTP_URL; a tick sends the local day's digest, ticks never overlap, a second tick sends nothing", async () => {
    expect(config.digest).toEqual({ enabled: true, cron: "0 7 * * 1-5" });
    const job = startDailyDigest({ db: t.db, config });
    try {
      // 2026-06-09 07:00 in New York.
      const first = job.trigger(new Date("2026-06-09T11:00:00Z"));
      expect(job.trigger(new Date("2026-06-09T11:00:00Z"))).toBeNull();
      expect((await first)?.totals).toMatchObject({ sent: 2, nothing_to_send: 2, failed: 0 });
      expect(smtp.messages.map((m) => m.envelope.to[0]).sort()).toEqual(["ann@cs.test", "cara@cs.test"]);
      expect((await job.trigger(new Date("2026-06-09T11:05:00Z")))?.totals).toMatchObject({ sent: 0, already_sent: 2 });
      expect(smtp.messages).toHaveLength(2);
    } finally {
      await job.stop();
    }
  });

  it("a failing run is logged and resolves to null, and the next tick runs again", async () => {
    const gone = { ...t.db, sql: { ...t.db.sql, all: () => Promise.reject(new Error("database gone")) } };
    const job = startDailyDigest({ db: gone, config });
    try {
      expect(await job.trigger(new Date("2026-06-16T11:00:00Z"))).toBeNull();
      expect(job.trigger(new Date("2026-06-17T11:00:00Z"))).not.toBeNull();
    } finally {
      await job.stop();
    }
  });

  it("refuses a schedule node-cron cannot run", () => {
    expect(() =>
      startDailyDigest({ db: t.db, config: { ...config, digest: { enabled: true, cron: "0 25 * * *" } } }),
    ).toThrow('RETAIN_DIGEST_CRON: expected a cron expression like "0 7 * * 1-5", found "0 25 * * *"');
  });
});

describe("RETAIN_DIGEST_CRON as config.ts reads it", () => {
  it.each(["0 7 * * 1-5", "30 6 1,15 * mon-fri", "*/15 * * * *", "0 9 * jan-mar 1", "0 30 7 * * 1-5", "0 0 * * 7"])(
    "%j: config.ts accepts what node-cron schedules",
    (text) => {
      expect(isCronExpression(text)).toBe(true);
      expect(cron.validate(text)).toBe(true);
    },
  );
});
