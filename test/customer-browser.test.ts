import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TIMELINE_KINDS } from "../src/customers/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts");
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium) {
  if (process.env.CI)
    throw new Error(`${CHROMIUM} is missing: CI must run the browser tests (apt-get install chromium)`);
  console.warn(
    `\n⚠⚠⚠ ${CHROMIUM} is missing: the customer browser tests are SKIPPED (apt-get install chromium to run them) ⚠⚠⚠\n`,
  );
}

/** Pixels of a canvas that are not transparent: more than 0 once a chart drew on it. */
async function paintedPixels(page: Page, id: string): Promise<number> {
  return page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId) as HTMLCanvasElement | null;
    if (!canvas?.width || !canvas.height) return 0;
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
  }, id);
}

const shownKinds = (page: Page) => page.$$eval("#timeline li", (els) => els.map((e) => e.getAttribute("data-kind")));

describe.skipIf(!haveChromium)("customer timeline in Chromium (SQLite)", () => {
  let t: TestDatabase;
  let api: ApiClient;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
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
    mkdirSync(ARTIFACTS, { recursive: true });
    userDataDir = mkdtempSync(join(tmpdir(), "retain-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
      viewport: { width: 1366, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      if (!r.url().startsWith(api.url)) problems.push(`external request: ${r.url()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await api?.close();
    await t?.drop();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it("opens a customer with every kind on the timeline, draws its charts and filters by one kind", async () => {
    await page.goto(`${api.url}/customers/A1`);
    await page.fill("#key", api.keys.csm);
    await page.keyboard.press("Enter");
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
