import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../src/auth/index.ts";
import type { Outreach } from "../src/outreach/index.ts";
import { createApp } from "../src/server/index.ts";
import { testOutreach } from "./helpers/outreach-world.ts";
import { seedReviewWorld } from "./helpers/review-world.ts";
import { serveApp, signInCookie } from "./helpers/serve-app.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

describe.each(testDialects())("the review queue's API on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let outreach: Outreach;
  let server: { url: string; close(): Promise<void> };
  const keys: Record<string, string> = {};
  const clock = { now: new Date() };
  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1/outreach/review${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    ({ outreach, viewerKey: keys.viewer } = await seedReviewWorld(t, { clock, smtpUrl: smtp.url }));
    keys.csm = (await createApiKey(t.db, { role: "csm", name: "review script" })).key;
    server = await serveApp(createApp({ db: t.db, config: t.config, outreach }));
  });
  afterAll(async () => {
    await server.close();
    outreach.close();
    await smtp.stop();
    await t.drop();
  });

  it("lists the held follow-ups with the email as it would go now (csm and admin; a viewer gets 403)", async () => {
    expect((await call("GET", "", keys.viewer)).status).toBe(403);
    const { status, body } = await call("GET", "", keys.csm);
    expect(status).toBe(200);
    expect(body.items.map((i: { customerId: string }) => i.customerId).sort()).toEqual(["R1", "R3"]);
    const r1 = body.items.find((i: { customerId: string }) => i.customerId === "R1");
    expect(r1).toMatchObject({
      id: expect.any(Number),
      customerName: "Big One",
      mrr: 2500,
      ownerEmail: "jane@acme.test",
      ticketId: "4512",
      plannedAt: "2026-03-03T07:00:00.000Z",
      edited: false,
      mail: { to: { address: "r1@customer.test" }, subject: "Your ticket #4512: Export fails" },
    });
    expect(r1.mail.text.split("\n")[0]).toBe("Hi Ana,");
    expect(Date.parse(r1.reviewUntil)).toBeGreaterThan(Date.parse(r1.plannedAt));
  });

  it("refuses a bad id, an unknown field and a blank reason with what was expected", async () => {
    const bad = await call("POST", "/abc/skip", keys.csm, { reason: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("a whole number");
    const extra = await call("POST", "/1/send", keys.csm, { subject: "Hi", cc: "boss@acme.test" });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain("expected only subject, text");
    const blank = await call("POST", "/1/skip", keys.csm, { reason: "   " });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toContain("a reason of 1 to 500 characters");
    expect((await call("GET", "", keys.csm)).body.items).toHaveLength(2); // nothing was touched
  });

  it("sends one now with an edited subject (the SMTP server gets it) and skips the other; then both are gone (409)", async () => {
    const { items } = (await call("GET", "", keys.csm)).body;
    const r1 = items.find((i: { customerId: string }) => i.customerId === "R1");
    const r3 = items.find((i: { customerId: string }) => i.customerId === "R3");
    const before = smtp.messages.length;
    const sent = await call("POST", `/${r1.id}/send`, keys.csm, { subject: "Can we talk about exports?" });
    expect(sent).toEqual({ status: 200, body: { id: r1.id, outcome: "sent", words: "Sent." } });
    await smtp.waitFor(before + 1);
    expect(smtp.messages.at(-1)!.header("subject")).toBe("Can we talk about exports?");
    expect(smtp.messages.at(-1)!.envelope.to).toEqual(["r1@customer.test"]);

    const skipped = await call("POST", `/${r3.id}/skip`, keys.csm, { reason: "renewal call on Friday" });
    expect(skipped).toEqual({ status: 200, body: { id: r3.id, skipped: true, reason: "renewal call on Friday" } });
    const [decision] = await t.db.sql.all<{ detail: string }>(
      "SELECT detail FROM outreach_decisions ORDER BY id DESC LIMIT 1",
    );
    expect(decision.detail).toBe("skipped by review script: renewal call on Friday");

    expect((await call("GET", "", keys.csm)).body.items).toEqual([]);
    const again = await call("POST", `/${r1.id}/send`, keys.csm);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("no longer waiting for review");
    expect(smtp.messages.length).toBe(before + 1);
  });
});

describe("the review queue when no play holds follow-ups (SQLite)", () => {
  let t: TestDatabase;
  let outreach: Outreach;
  let server: { url: string; close(): Promise<void> };
  let key: string;

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    outreach = testOutreach(t, { clock: { now: new Date() } });
    key = (await createApiKey(t.db, { role: "csm" })).key;
    server = await serveApp(createApp({ db: t.db, config: t.config, outreach }));
  });
  afterAll(async () => {
    await server.close();
    outreach.close();
    await t.drop();
  });

  it("the To review page says review is off and how to turn it on; the API lists nothing", async () => {
    const cookie = await signInCookie(server.url, { key });
    const page = await (await fetch(`${server.url}/outreach/review`, { headers: { cookie } })).text();
    expect(page).toContain("Nothing to review: review is off. Set <code>RETAIN_OUTREACH_REVIEW_MRR</code>");
    const api = await fetch(`${server.url}/api/v1/outreach/review`, { headers: { authorization: `Bearer ${key}` } });
    expect(await api.json()).toEqual({ items: [] });
  });
});
