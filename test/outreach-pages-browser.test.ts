import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Outreach } from "../src/outreach/index.ts";
import { createApp } from "../src/server/index.ts";
import { ARTIFACTS, chromiumAvailable, openChromium, signInAsUser, type ChromiumSession } from "./helpers/chromium.ts";
import { REVIEW_PASSWORD, seedReviewWorld } from "./helpers/review-world.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp-server.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";

const haveChromium = chromiumAvailable("the outreach review and log browser tests");

/** The review queue and the outreach log in words, in Chromium: send now edited, skip with a reason, the email as sent. */
describe.skipIf(!haveChromium)("outreach review and log in Chromium (SQLite)", () => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let outreach: Outreach;
  let server: { url: string; close(): Promise<void> };
  let browser: ChromiumSession;
  let page: Page;
  const clock = { now: new Date() };
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `outreach-${name}.png`), fullPage: true });
  const cards = () =>
    page.$$eval(".review-item h2", (els) => els.map((e) => e.textContent?.replace(/\s+/g, " ").trim()));

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    smtp = await startSmtpServer();
    ({ outreach } = await seedReviewWorld(t, { clock, smtpUrl: smtp.url }));
    const config = { ...t.config, timezone: "Europe/Paris" };
    server = await serveApp(createApp({ db: t.db, config, outreach }));
    browser = await openChromium(server.url, problems);
    page = browser.page;
    await page.goto(`${server.url}/sign-in`);
    await signInAsUser(page, "jane@acme.test", REVIEW_PASSWORD);
    await page.waitForURL(/\/at-risk/);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    outreach?.close();
    await smtp?.stop();
    await t?.drop();
  });

  it("To review lists the held follow-ups, Jane's own account first, each with its email to edit", async () => {
    await page.goto(`${server.url}/outreach`);
    await page.click("#to-review");
    await page.waitForURL(`${server.url}/outreach/review`);
    expect(await cards()).toEqual(["Big One Your account", "Bob's Big"]);
    expect(await page.inputValue(".review-item:first-of-type input[name=subject]")).toBe(
      "Your ticket #4512: Export fails",
    );
    expect((await page.inputValue(".review-item:first-of-type textarea")).split("\n")[0]).toBe("Hi Ana,");
    expect(await page.textContent(".review-item:first-of-type .sub")).toContain("MRR $2,500.00 · owner Jane Doe");
    expect(await page.textContent(".review-item:last-of-type .sub")).toContain("owner Bob Smith");
    await shot("review-1-queue");
  });

  it("edited and sent now: the edited email reaches the customer and leaves the queue", async () => {
    const first = page.locator(".review-item").first();
    await first.locator("input[name=subject]").fill("Quick call about #4512?");
    await first.locator("textarea").fill("Hi Ana,\n\nCould we talk tomorrow about the export?\n\nJane");
    await first.locator("button[value=send]").click();
    await page.waitForSelector(".notice.done");
    expect(await page.textContent(".notice")).toBe("Sent.");
    const mail = smtp.messages.find((m) => m.envelope.to[0] === "r1@customer.test")!;
    expect(mail.header("subject")).toBe("Quick call about #4512?");
    expect(mail.text).toContain("Could we talk tomorrow about the export?");
    expect(await cards()).toEqual(["Bob's Big"]);
  });

  it("skipped with a reason, then nothing is left to review", async () => {
    await page.fill(".review-item input[name=reason]", "Bob calls them on Friday");
    await page.click(".review-item button[value=skip]");
    await page.waitForSelector("#review-empty");
    expect(await page.textContent("#review-empty")).toBe("Nothing to review."); // review is on here
    expect(await page.textContent(".notice")).toBe("Skipped: Bob calls them on Friday");
    await shot("review-2-done");
  });

  it("the log says what happened in words, with planned and real send times, and opens the email as sent", async () => {
    await page.goto(`${server.url}/outreach`);
    const words = await page.$$eval("#decision-log td.words", (els) =>
      els.map((e) => e.firstChild?.textContent?.trim()),
    );
    expect(words).toContain("Not sent: skipped in review by Jane Doe: Bob calls them on Friday");
    expect(words).toContain("Sent to r1@customer.test");
    expect(words).toContain("Sent to r2@customer.test");
    expect(words).toContain("Not sent: emailed 3 days ago, within the 14-day limit");
    expect(words.filter((w) => w?.startsWith("Held for review"))).toHaveLength(2);
    const sentRow = page.locator("#decision-log tr", { hasText: "Sent to r2@customer.test" });
    expect(await sentRow.locator("td").nth(4).textContent()).toBe("Tue 3 Mar 2026, 08:00 CET"); // planned, Paris
    expect(await sentRow.locator("td").nth(5).textContent()).toBe("Tue 3 Mar 2026, 10:00 CET"); // sent at the run
    await shot("log-in-words");
    await page
      .locator("#decision-log tr", { hasText: "Sent to r1@customer.test" })
      .locator("text=Open as sent")
      .click();
    await page.waitForURL(/\/outreach\/emails\/\d+$/);
    expect(await page.textContent("h1")).toBe("Email as sent");
    const subject = page.locator("#sent-headers tr:has(th:text-is('Subject')) td");
    expect(await subject.textContent()).toBe("Quick call about #4512?");
    expect(await page.textContent("#sent-text")).toContain("Could we talk tomorrow about the export?");
    expect(await page.textContent("#sent-html")).toContain("<p>Could we talk tomorrow about the export?</p>");
    await shot("email-as-sent");
  });

  it("previews any play with any customer found by name", async () => {
    await page.goto(`${server.url}/outreach/preview`);
    await page.fill("#p-customer", "big");
    await page.press("#p-customer", "Enter");
    await page.click("#preview-matches >> text=Big One (R1)");
    await page.waitForSelector("#preview-subject");
    expect(await page.textContent("#preview-subject")).toBe("Your ticket #4512: Export fails");
    expect((await page.textContent("#preview-text"))?.split("\n")[0]).toBe("Hi Ana,");
    await shot("preview");
    expect(problems).toEqual([]);
  });
});
