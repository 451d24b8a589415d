import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../src/auth/index.ts";
import type { Outreach } from "../src/outreach/index.ts";
import { createApp } from "../src/server/index.ts";
import { ARTIFACTS, chromiumAvailable, openChromium, signInWithKey, type ChromiumSession } from "./helpers/chromium.ts";
import { addCustomers, followUpOf, testOutreach, writeRiskRun } from "./helpers/outreach-world.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";
import { queueTicket } from "./helpers/unmatched-world.ts";

const haveChromium = chromiumAvailable("the Unmatched page browser test");

/** The Unmatched page in Chromium: link one item to a candidate, dismiss another with a reason. */
describe.skipIf(!haveChromium)("the Unmatched page in Chromium (SQLite)", () => {
  let t: TestDatabase;
  let outreach: Outreach;
  let server: { url: string; close(): Promise<void> };
  let browser: ChromiumSession;
  let page: Page;
  const ids: Record<string, number> = {};
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `unmatched-${name}.png`), fullPage: true });
  const card = (id: number) => `#item-${id}`;

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await addCustomers(t, [
      { customer_id: "SA", name: "Shared A", email: "a@shared.test" },
      { customer_id: "SB", name: "Shared B", email: "b@shared.test" },
    ]);
    await writeRiskRun(t, { asOf: "2026-03-01", atRisk: ["SA", "SB"] });
    outreach = testOutreach(t, { clock: { now: new Date("2026-03-02T10:00:00Z") } });
    ids.B1 = await queueTicket(t, "B-1", "intern@shared.test", "Ivy Intern");
    ids.B2 = await queueTicket(t, "B-2", "noreply@newsletter.test");
    const { key } = await createApiKey(t.db, { role: "csm", name: "Casey CSM" });
    server = await serveApp(createApp({ db: t.db, config: t.config, outreach }));
    browser = await openChromium(server.url, problems);
    page = browser.page;
    await page.goto(`${server.url}/sign-in`);
    await signInWithKey(page, key);
    await page.waitForURL(`${server.url}/at-risk`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.drop();
  });

  it("opens from the nav and shows both items with what was received and the candidates", async () => {
    await page.click("nav[aria-label=Main] >> text=Unmatched");
    await page.waitForURL(`${server.url}/unmatched`);
    expect(await page.textContent("main")).toContain("2 open items.");
    expect(await page.textContent(`${card(ids.B1)} .received`)).toContain("Ivy Intern");
    expect(await page.locator(`${card(ids.B1)} button[data-link]`).allTextContents()).toEqual([
      expect.stringContaining("Link to Shared A"),
      expect.stringContaining("Link to Shared B"),
    ]);
    await shot("1-open");
  });

  it("links one item to a candidate with one click: the ticket is stored for it and its follow-up queued", async () => {
    await page.click(`${card(ids.B1)} button[data-link=SB]`);
    await expect.poll(() => page.textContent("#flash")).toContain(`Linked item ${ids.B1} to Shared B`);
    expect(await page.textContent("#flash")).toContain("Retain now knows intern@shared.test as Shared B.");
    expect(await page.locator(card(ids.B1)).count()).toBe(0);
    expect((await outreach.runOnce()).schedule.scheduled).toBe(1);
    expect(await followUpOf(t, "B-1")).toMatchObject({ status: "scheduled" });
  });

  it("dismisses the other with a reason, then lists it under Dismissed", async () => {
    await page.fill(`${card(ids.B2)} input[name=reason]`, "automated newsletter");
    await page.click(`${card(ids.B2)} form.dismiss button`);
    await expect.poll(() => page.textContent("#flash")).toBe(`Dismissed item ${ids.B2}: automated newsletter.`);
    expect(await page.textContent("#none")).toContain("Nothing to match");
    await shot("2-settled");
    await page.click("nav[aria-label='Unmatched views'] >> text=Dismissed");
    expect(await page.textContent(card(ids.B2))).toContain("Dismissed by Casey CSM");
    expect(await page.textContent(card(ids.B2))).toContain("automated newsletter");
    await page.click("nav[aria-label='Unmatched views'] >> text=Linked");
    expect(await page.textContent(card(ids.B1))).toContain("Linked to Shared B (linked by hand) by Casey CSM");
    await shot("3-linked");
    expect(problems).toEqual([]);
  });
});
