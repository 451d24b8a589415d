import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, chromiumAvailable, openChromium, signInWithKey, type ChromiumSession } from "./helpers/chromium.ts";
import { createApiKey } from "../src/auth/index.ts";
import { createApp } from "../src/server/index.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";

const haveChromium = chromiumAvailable("the at-risk browser tests");

describe.skipIf(!haveChromium)("the at-risk list in Chromium (SQLite)", () => {
  let t: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  let browser: ChromiumSession;
  let page: Page;
  let csmKey: string;
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `at-risk-${name}.png`), fullPage: true });
  const listed = () =>
    page.$$eval("#at-risk-table tbody td[data-label=Customer] > a", (els) => els.map((e) => e.textContent));

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await seedDashboardWorld(t);
    csmKey = (await createApiKey(t.db, { role: "csm", name: "Casey CSM" })).key;
    server = await serveApp(createApp({ db: t.db, config: t.config }));
    browser = await openChromium(server.url, problems);
    page = browser.page;
    await page.goto(`${server.url}/at-risk`);
    await signInWithKey(page, csmKey);
    await page.waitForURL(`${server.url}/at-risk`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.drop();
  });

  it("searches by name with the search box, and the summary strip shows the run against the previous one", async () => {
    expect(await page.textContent("#sum-at-risk .value")).toBe("5");
    expect(await page.textContent("#sum-at-risk .sub")).toBe("+2 since 2026-06-01");
    expect(await paintedBars(page)).toBe(2);
    await page.fill("#f-q", "BET");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=BET/);
    expect(await listed()).toEqual(["Beta"]);
    expect(await page.textContent(".summary[role=status]")).toContain("1 customer ·");
    expect(await page.inputValue("#f-q")).toBe("BET");
  });

  it("sorts by a column header, keeping the filters; a second click reverses", async () => {
    await page.goto(`${server.url}/at-risk?plan=Basic`);
    await page.click("#at-risk-table th a[data-sort=mrrAtRisk]");
    await page.waitForURL(/sort=mrrAtRisk/);
    expect(new URL(page.url()).searchParams.get("plan")).toBe("Basic");
    const order = await page.$$eval("#at-risk-table tbody tr", (rows) =>
      rows.map((r) => r.querySelector("a")!.getAttribute("href")),
    );
    expect(order).toEqual(["/customers/A5", "/customers/A4", "/customers/A3"]);
    expect(await page.getAttribute("#at-risk-table th[aria-sort]", "aria-sort")).toBe("descending");
    await page.click("#at-risk-table th a[data-sort=mrrAtRisk]");
    await page.waitForURL(/order=asc/);
    const reversed = await page.$$eval("#at-risk-table tbody tr a", (as) =>
      as.filter((a) => a.getAttribute("href")?.startsWith("/customers/")).map((a) => a.getAttribute("href")),
    );
    expect(reversed).toEqual(["/customers/A3", "/customers/A4", "/customers/A5"]);
    await shot("1-sorted");
  });

  it("a snoozed customer moves to the Snoozed view with the snooze's end, and stays in Everyone scored", async () => {
    await page.goto(`${server.url}/customers/A2`);
    await page.fill("#snooze-days", "5");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#action-status")).toContain("Snoozed");
    await page.goto(`${server.url}/at-risk`);
    expect(await page.textContent("#sum-snoozed .value")).toBe("1");
    await page.click("#sum-snoozed a");
    await page.waitForURL(/scope=snoozed/);
    expect(await listed()).toEqual(["Beta"]);
    expect(await page.textContent("#at-risk-table td[data-label='Snoozed until']")).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
    );
    await page.selectOption("#f-scope", "all");
    await page.click("text=Apply");
    await page.waitForURL(/scope=all/);
    expect(await listed()).toContain("Beta");
    await page.selectOption("#f-scope", "at_risk");
    await page.click("text=Apply");
    await page.waitForURL(/scope=at_risk/);
    expect(await listed()).not.toContain("Beta");
  });

  it("bulk-snoozes two ticked customers until a day with a reason, back on the same list, then in the Snoozed view", async () => {
    const until = new Date((Math.floor(Date.now() / 86_400_000) + 9) * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${server.url}/at-risk?plan=Basic&sort=mrrAtRisk`);
    expect(await page.textContent("#bulk-count")).toBe("(none selected yet)");
    expect(await page.isDisabled("#bulk-submit")).toBe(true);
    await page.check("#select-page");
    expect(await page.$$eval("input[name=ids]:checked", (boxes) => boxes.length)).toBe(3);
    expect(await page.textContent("#bulk-count")).toBe("(3 selected)");
    await page.uncheck("#select-page");
    await page.check("input[name=ids][value=A4]");
    await page.check("input[name=ids][value=A5]");
    expect(await page.textContent("#bulk-count")).toBe("(2 selected)");
    expect(await page.$eval("#select-page", (box) => (box as HTMLInputElement).indeterminate)).toBe(true);
    await page.fill("#bulk-until", until);
    await page.fill("#bulk-reason", "Renewal call booked");
    expect(await page.isChecked("#bulk-snooze")).toBe(true);
    await page.click("#bulk-submit");
    await page.waitForSelector("#flash");
    await page.waitForLoadState("load");
    expect(page.url()).toBe(`${server.url}/at-risk?plan=Basic&sort=mrrAtRisk`);
    expect(await page.textContent("#flash")).toBe(`Snoozed 2 customers until ${until} (Renewal call booked).`);
    expect(await listed()).toEqual(["Gamma"]);
    await page.click("#sum-snoozed a");
    await page.waitForURL(/scope=snoozed/);
    const rows = await page.$$eval("#at-risk-table tbody tr", (trs) =>
      trs.map((tr) => ({
        id: tr.querySelector("a")!.getAttribute("href"),
        until: tr.querySelector("td[data-label='Snoozed until']")!.textContent,
        reason: tr.querySelector("td[data-label='Snooze reason']")!.textContent,
      })),
    );
    expect(rows.filter((r) => r.id !== "/customers/A2")).toEqual([
      { id: "/customers/A4", until: `${until} 00:00 UTC`, reason: "Renewal call booked" },
      { id: "/customers/A5", until: `${until} 00:00 UTC`, reason: "Renewal call booked" },
    ]);
    await shot("3-bulk-snoozed");
    await page.reload();
    expect(await page.$("#flash")).toBeNull();
  });

  it("is readable at 390 px: nothing wider than the screen but the table, which scrolls inside its box", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/at-risk`);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      wrap: document.querySelector(".table-wrap")!.clientWidth,
      table: document.querySelector("#at-risk-table")!.scrollWidth,
      overflow: getComputedStyle(document.querySelector(".table-wrap")!).overflowX,
    }));
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.wrap).toBeLessThanOrEqual(390);
    expect(widths.table).toBeGreaterThan(widths.wrap);
    expect(widths.overflow).toBe("auto");
    // two filters to a row, and a customer's row a few lines tall (its drivers keep a reading width)
    const layout = await page.evaluate(() => ({
      show: document.querySelector("#f-scope")!.getBoundingClientRect().top,
      band: document.querySelector("#f-band")!.getBoundingClientRect().top,
      row: document.querySelector("#at-risk-table tbody tr")!.getBoundingClientRect().height,
    }));
    expect(layout.band).toBe(layout.show);
    expect(layout.row).toBeLessThan(200);
    await shot("2-390px");
    expect(problems).toEqual([]);
  });
});

/** The bars of the recent-runs chart. */
function paintedBars(page: Page): Promise<number> {
  return page.$$eval("#at-risk-history rect", (rects) => rects.length);
}
