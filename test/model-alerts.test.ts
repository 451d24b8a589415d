import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailHealthAlerts, type HealthSignals, raiseHealthAlerts } from "../src/alerts/index.ts";
import { insertUser } from "../src/db/repositories/users.ts";
import { createMailer, type Mailer } from "../src/mail/index.ts";
import { type ApiClient, startApiClient } from "./helpers/api-client.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { createTestDatabase, type TestDatabase, testDialects } from "./helpers/test-database.ts";

/** One night's model health: a run whose realised AUC fell short of the promised 0.80, with drift flagged. */
const night = (runId: number, asOf: string, realisedAuc: number): HealthSignals => ({
  runs: [{ runId, asOf, modelVersion: "v1", realisedAuc, driftFlagged: ["logins_30d", "tickets_90d"] }],
  promisedTestAuc: (version) => (version === "v1" ? 0.8 : null),
});

describe.each(testDialects())("model-health alerts on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  let client: ApiClient;
  const send = () =>
    emailHealthAlerts({ db: t.db, mailer, mailFrom: "Retain <retain@cs.test>", publicUrl: "http://retain.test" });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    mailer = createMailer({ smtpUrl: smtp.url, outboxDir: t.config.dataDir });
    client = await startApiClient(t);
    await insertUser(t.db, { email: "ada@cs.test", name: "Ada Admin", role: "admin" });
    await insertUser(t.db, { email: "carl@cs.test", name: "Carl CSM", role: "csm" });
  });
  afterAll(async () => {
    mailer.close();
    await client.close();
    await smtp.stop();
    await t.drop();
  });

  it("raises one alert per cause, emails each to the admins once, not once per night", async () => {
    expect(await raiseHealthAlerts({ db: t.db, signals: night(1, "2025-09-01", 0.7), aucTolerance: 0.05 })).toBe(2);
    expect(await raiseHealthAlerts({ db: t.db, signals: night(1, "2025-09-01", 0.7), aucTolerance: 0.05 })).toBe(0);
    expect(await raiseHealthAlerts({ db: t.db, signals: night(2, "2025-09-02", 0.7), aucTolerance: 0.05 })).toBe(0);
    // Within the tolerance nothing is raised.
    expect(
      await raiseHealthAlerts({
        db: t.db,
        signals: {
          ...night(3, "2025-09-03", 0.76),
          runs: [{ ...night(3, "2025-09-03", 0.76).runs[0], driftFlagged: [] }],
        },
        aucTolerance: 0.05,
      }),
    ).toBe(0);
    expect(await send()).toEqual({ emailed: 2 });
    await smtp.waitFor(2);
    expect(smtp.messages.map((m) => m.envelope.to[0])).toEqual(["ada@cs.test", "ada@cs.test"]); // admins only
    const subjects = smtp.messages.map((m) => m.header("subject")).sort();
    expect(subjects).toEqual([
      "Retain model alert: drift flagged",
      "Retain model alert: realised AUC below the promise",
    ]);
    const auc = smtp.messages.find((m) => m.header("subject")?.includes("AUC"))!;
    expect(auc.text).toContain("realised AUC 0.700, expected at least 0.750 (test AUC 0.800 − tolerance 0.05)");
    expect(await send()).toEqual({ emailed: 0 });
    expect(smtp.messages).toHaveLength(2);
  });

  it("shows a banner on the model page until an admin acknowledges the alert", async () => {
    const page = await client.call("GET", "/models");
    expect(page.status).toBe(200);
    const banners = [...String(page.body).matchAll(/<div class="alert-banner" role="alert" data-alert="(\d+)">/g)];
    expect(banners).toHaveLength(2);
    expect(page.body).toContain("drift flagged for logins_30d, tickets_90d");
    const [first, second] = banners.map((m) => Number(m[1]));
    expect(
      (await client.call("POST", `/api/v1/models/alerts/${first}/acknowledge`, { key: client.keys.csm })).status,
    ).toBe(403);
    const ack = await client.call("POST", `/api/v1/models/alerts/${first}/acknowledge`, { body: {} });
    expect(ack).toMatchObject({ status: 200, body: { id: first, acknowledgedBy: "admin tester" } });
    expect((await client.call("POST", `/api/v1/models/alerts/${first}/acknowledge`, { body: {} })).status).toBe(404);
    const after = String((await client.call("GET", "/models")).body);
    expect(after).not.toContain(`data-alert="${first}"`);
    expect(after).toContain(`data-alert="${second}"`);
    const row = await t.db.prisma().modelAlert.findUniqueOrThrow({ where: { id: first } });
    expect(row).toMatchObject({ acknowledgedBy: "admin tester", acknowledgedAt: expect.any(Date) });
    // Acknowledged, the same cause may alert again on a later run.
    expect(await raiseHealthAlerts({ db: t.db, signals: night(4, "2025-09-04", 0.7), aucTolerance: 0.05 })).toBe(1);
  });
});
