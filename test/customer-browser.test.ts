import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  chartSetting,
  chromiumAvailable,
  openChromium,
  paintedPixels,
  signInWithKey,
  type ChromiumSession,
} from "./helpers/chromium.ts";
import { TIMELINE_KINDS } from "../src/customers/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";

const haveChromium = chromiumAvailable("the customer browser tests");

const shownKinds = (page: Page) => page.$$eval("#timeline li", (els) => els.map((e) => e.getAttribute("data-kind")));

describe.skipIf(!haveChromium)("customer timeline in Chromium (SQLite)", () => {
  let t: TestDatabase;
  let api: ApiClient;
  let browser: ChromiumSession;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await seedDashboardWorld(t);
    api = await startApiClient(t);
    const csm = { key: api.keys.csm };
    await api.call("POST", "/api/v1/customers/A1/notes", { ...csm, body: { body: "Champion left" } });
    await api.call("PUT", "/api/v1/customers/A1/owner", { ...csm, body: { email: "zoe@cs.test" } });
    await api.call("POST", "/api/v1/customers/A1/snooze", { ...csm, body: { days: 7, reason: "renewal call" } });
    await api.call("POST", "/api/v1/customers/A1/contacted", { ...csm, body: { channel: "meeting" } });
    browser = await openChromium(api.url, problems);
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await t?.drop();
  });

  it("opens a customer with every kind on the timeline, draws its charts and filters by one kind", async () => {
    await page.goto(`${api.url}/customers/A1`);
    await signInWithKey(page, api.keys.csm);
    await page.waitForURL(`${api.url}/customers/A1`);
    expect(new Set(await shownKinds(page))).toEqual(new Set(TIMELINE_KINDS));
    expect(await page.textContent("#timeline")).toContain("Contacted by meeting");
    expect(await paintedPixels(page, "risk-chart")).toBeGreaterThan(100);
    expect(await paintedPixels(page, "usage-chart-0")).toBeGreaterThan(100);
    await page.screenshot({ path: join(ARTIFACTS, "customer-timeline-all.png"), fullPage: true });

    await page.click('.chips a[data-kind="snooze"]');
    await page.waitForURL(/kinds=snooze/);
    expect(await shownKinds(page)).toEqual(["snooze"]);
    expect(await page.textContent("#timeline")).toContain("renewal call");
    expect(await page.getAttribute('.chips a[data-kind="snooze"]', "aria-current")).toBe("page");
    await page.screenshot({ path: join(ARTIFACTS, "customer-timeline-snoozes.png"), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("draws the at-risk threshold across the whole risk chart, for a customer scored in one run as for several", async () => {
    type Point = { x: number; y: number };
    const thresholdLine = async (id: string) => {
      await page.goto(`${api.url}/customers/${id}`);
      const x = (await chartSetting(page, "risk-chart", "scales.x")) as { min: number; max: number };
      const data = (await chartSetting(page, "risk-chart", "data.datasets.1.data")) as Point[];
      expect(await chartSetting(page, "risk-chart", "data.datasets.1.label")).toBe("at-risk threshold");
      return { x, data };
    };
    const one = await thresholdLine("A4"); // only the latest run scored A4
    expect(one.data.map((p) => p.x)).toEqual([one.x.min, Date.parse("2026-06-08T00:00:00Z"), one.x.max]);
    expect(one.x.max - one.x.min).toBe(14 * 86_400_000); // a week either side of the one run
    expect(new Set(one.data.map((p) => p.y))).toEqual(new Set([50])); // the run's cutoff: 0.5
    const two = await thresholdLine("A1");
    expect(two.data[0].x).toBe(two.x.min);
    expect(two.data.at(-1)!.x).toBe(two.x.max);
    await page.goto(`${api.url}/customers/A4`);
    await page.locator("#risk-chart").screenshot({ path: join(ARTIFACTS, "customer-risk-one-run.png") });
    expect(problems).toEqual([]);
  });

  it("at 390 px shows the facts two to a row, so the reasons are on the first screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${api.url}/customers/A1`);
      const top = await page.evaluate(() => document.querySelector("#drivers-h")!.getBoundingClientRect().top);
      expect(top).toBeLessThan(844);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(ARTIFACTS, "customer-390px.png") });
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
    expect(problems).toEqual([]);
  });

  it("lets the note's author edit it in place; the edit lands on the timeline", async () => {
    await page.goto(`${api.url}/customers/A1?kinds=note`);
    await page.click("button.note-edit");
    await page.getByRole("textbox", { name: "Edit the note" }).fill("Champion left; Kim takes over");
    await page.getByRole("button", { name: "Save note" }).click();
    await expect.poll(() => page.textContent("#action-status")).toContain("Note edited");
    expect(await page.textContent("#notes-list")).toContain("Kim takes over");
    expect(await page.textContent("#timeline")).toContain("Note edited");
    expect(problems).toEqual([]);
  });
});
