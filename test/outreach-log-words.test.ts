import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSentEmail, type Outreach } from "../src/outreach/index.ts";
import { createApp } from "../src/server/index.ts";
import { OUTREACH_TEST_ENV } from "./helpers/outreach-world.ts";
import { REVIEW_PASSWORD, seedReviewWorld } from "./helpers/review-world.ts";
import { runCli } from "./helpers/run-cli.ts";
import { serveApp, signInCookie } from "./helpers/serve-app.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

describe.each(testDialects())("the outreach log in words and the email as sent on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let outreach: Outreach;
  let server: { url: string; close(): Promise<void> };
  let key: string;
  const clock = { now: new Date() };
  const log = async (query = "") => {
    const res = await fetch(`${server.url}/api/v1/outreach/log${query}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()).items as Record<string, unknown>[];
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startSmtpServer();
    ({ outreach, viewerKey: key } = await seedReviewWorld(t, { clock, smtpUrl: smtp.url }));
    server = await serveApp(createApp({ db: t.db, config: { ...t.config, timezone: "Europe/Paris" }, outreach }));
  });
  afterAll(async () => {
    await server.close();
    outreach.close();
    await smtp.stop();
    await t.drop();
  });

  it("GET /api/v1/outreach/log says each status and reason as a sentence, with the planned and real send times", async () => {
    const items = await log();
    const of = (ticket: string) => items.filter((i) => i.ticketId === ticket).map((i) => i.words);
    expect(of("4513")).toEqual(["Sent to r2@customer.test", "Scheduled: the email will go at the planned send time"]);
    expect(of("4516")).toEqual(["Not sent: emailed 3 days ago, within the 14-day limit"]);
    expect(of("4512")).toEqual([
      "Held for review: waits for the owner to send, edit or skip it (MRR 2,500 is above 1,000)",
      "Scheduled: the email will go at the planned send time",
    ]);
    const sent = items.find((i) => i.ticketId === "4513" && i.status === "sent")!;
    expect(sent).toMatchObject({
      plannedAt: "2026-03-03T07:00:00.000Z",
      sentAt: "2026-03-03T09:00:00.000Z",
      emailUrl: expect.stringMatching(/^\/outreach\/emails\/\d+$/),
    });
    expect(items.find((i) => i.ticketId === "4512")).toMatchObject({ sentAt: null, emailUrl: null });
  });

  it("`retain outreach log` prints the same words", async () => {
    const cli = await runCli(["outreach", "log"], { ...t.env, ...OUTREACH_TEST_ENV });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain("Not sent: emailed 3 days ago, within the 14-day limit");
    expect(cli.stdout).toMatch(/Sent to r2@customer\.test +2026-03-03 07:00 +2026-03-03 09:00/);
  });

  it("the stored copy is the message the SMTP server received: headers, text and HTML", async () => {
    const [received] = smtp.messages;
    const sent = (await log("?status=sent"))[0];
    const email = await getSentEmail(t.db, Number(sent.followUpId));
    expect(email.raw.replace(/\r\n/g, "\n").trim()).toBe(received.raw.replace(/\r\n/g, "\n").trim());
    expect(email.headers.find((h) => h.name === "Subject")?.value).toBe("Your ticket #4513: Login loop");
    expect(email.text).toBe(received.text);
    expect(email.html).toBe(received.html);
    await expect(getSentEmail(t.db, 999_999)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("To review is for csm and admin, and its posts must come from this origin; a viewer may open the email as sent", async () => {
    const signIn = (form: Record<string, string>) => signInCookie(server.url, form);
    const viewer = await signIn({ key });
    const jane = await signIn({ email: "jane@acme.test", password: REVIEW_PASSWORD });
    const get = (path: string, cookie: string) => fetch(server.url + path, { headers: { cookie }, redirect: "manual" });
    expect((await get("/outreach/review", viewer)).status).toBe(403);
    const page = await get("/outreach/review", jane);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.indexOf("Big One")).toBeLessThan(html.indexOf("Bob&#39;s Big")); // Jane's own first
    const [held] = await outreach.reviewQueue(null);
    const cross = await fetch(`${server.url}/outreach/review`, {
      method: "POST",
      headers: { cookie: jane, "sec-fetch-site": "cross-site", origin: "https://evil.test" },
      body: new URLSearchParams({ id: String(held.outboxId), action: "skip", reason: "forged" }),
      redirect: "manual",
    });
    expect(cross.status).toBe(403);
    expect(await outreach.reviewQueue(null)).toHaveLength(2);
    const sent = (await log("?status=sent"))[0];
    const asSent = await get(String(sent.emailUrl), viewer);
    expect(asSent.status).toBe(200);
    expect(await asSent.text()).toContain("Your ticket #4513: Login loop");
    expect((await get("/outreach/emails/999999", viewer)).status).toBe(404);
  });

  it("the Outreach page and `retain outreach report` name reasons and statuses in words, not codes", async () => {
    const cookie = await signInCookie(server.url, { key });
    const page = await (await fetch(`${server.url}/outreach`, { headers: { cookie } })).text();
    expect(page).toContain('<option value="frequency_cap">emailed recently (frequency cap)</option>');
    expect(page).toContain('<option value="held_out">held out (control group)</option>');
    expect(page).toMatch(/<tr><td>emailed recently \(frequency cap\)<\/td><td class="num">1<\/td>/);
    expect(page).not.toMatch(/>frequency_cap</);
    const chart = JSON.parse(/<script type="application\/json" id="page-data">([^<]*)<\/script>/.exec(page)![1]);
    expect(chart.suppressed).toEqual([{ reason: "emailed recently (frequency cap)", n: 1 }]);
    const cli = await runCli(["outreach", "report"], { ...t.env, ...OUTREACH_TEST_ENV });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain("suppressed when decided: 1 (emailed recently (frequency cap) 1)");
  });

  it("a reviewer's skip and an unreviewed expiry read as what they were", async () => {
    const [bob] = (await outreach.reviewQueue("bob@acme.test")).filter((i) => i.customerId === "R3");
    await outreach.skipReviewed({ outboxId: bob.outboxId, reviewer: "Bob Smith", reason: "calling on Friday" });
    clock.now = new Date("2026-03-07T08:00:00Z"); // R1's window (planned + 72 h) is over
    expect((await outreach.runOnce()).reviewExpired).toBe(1);
    const words = (await log("?status=cancelled")).map((i) => i.words);
    expect(words).toEqual([
      "Not sent: nobody reviewed it by Fri 6 Mar 2026, 07:00 UTC",
      "Not sent: skipped in review by Bob Smith: calling on Friday",
    ]);
  });
});
