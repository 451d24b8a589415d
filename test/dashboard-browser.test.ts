import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, chromiumAvailable, openChromium, type ChromiumSession, paintedPixels } from "./helpers/chromium.ts";
import { createApp } from "../src/server/index.ts";
import { addUser, listPeople, setPasswordWithLink } from "../src/auth/index.ts";
import { usageSpan } from "../src/db/repositories/feature-aggregates.ts";
import { promoteModel, trainFromDatabase } from "../src/model/index.ts";
import { scoreCustomers } from "../src/scoring/index.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";
import { importDemoWorld, QUICK_CANDIDATES } from "./helpers/trained-world.ts";

const haveChromium = chromiumAvailable("the dashboard browser tests");

describe.skipIf(!haveChromium)("dashboard in Chromium (SQLite)", () => {
  let t: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  let browser: ChromiumSession;
  let page: Page;
  let csmEmail: string;
  const PASSWORD = "casey's long password";
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await importDemoWorld(t, { customers: 300, days: 400 });
    const modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
    const report = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES });
    await promoteModel({ db: t.db, version: report.version });
    const { last } = await usageSpan(t.db);
    await scoreCustomers({ db: t.db, asOfDay: last! + 1 - 7, rule: "top:20" });
    await scoreCustomers({ db: t.db, asOfDay: last! + 1, rule: "top:20" });
    // Casey is the CSM who owns the most accounts in the demo world.
    const [top] = (await listPeople(t.db)).unmatchedOwners;
    csmEmail = top.email;
    const { link } = await addUser(t.db, { email: csmEmail, name: "Casey CSM", role: "csm" });
    await setPasswordWithLink(t.db, { token: link.token, password: PASSWORD });
    server = await serveApp(createApp({ db: t.db, config: t.config }));
    browser = await openChromium(server.url, problems);
    page = browser.page;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.drop();
  });

  it("signs in with the keyboard, lands on My accounts, and reaches everyone at risk in a click", async () => {
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("email");
    await page.keyboard.type(csmEmail);
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/at-risk?owner=me`);
    expect(await page.textContent("h1")).toContain("My accounts");
    const owners = await page.$$eval("#at-risk-table tbody td.owner", (tds) => tds.map((td) => td.textContent?.trim()));
    expect(new Set(owners)).toEqual(new Set(["Casey CSM"]));
    await page.click("nav >> text=Everyone at risk");
    await page.waitForURL(`${server.url}/at-risk`);
    expect(await page.textContent("h1")).toBe("At-risk customers");
    expect(Number((await page.textContent("#list-count"))!.replace(/,/g, ""))).toBeGreaterThan(10);
    expect(await page.textContent(".who")).toContain("Casey CSM");
    await shot("1-at-risk");
  });

  it("filters the list by band and sorts by MRR at risk", async () => {
    await page.selectOption("#f-band", "high");
    await page.selectOption("#f-sort", "mrrAtRisk");
    await page.click("text=Apply");
    await page.waitForURL(/band=high/);
    const bands = await page.$$eval("#at-risk-table .band", (els) => els.map((e) => e.textContent));
    expect(bands.length).toBeGreaterThan(0);
    expect(new Set(bands)).toEqual(new Set(["high"]));
    const mrrAtRisk = await page.$$eval("#at-risk-table tbody td:nth-child(5)", (els) =>
      els.map((e) => Number(e.firstChild!.textContent!.replace(/,/g, ""))),
    );
    expect(mrrAtRisk).toEqual([...mrrAtRisk].sort((a, b) => b - a));
    await shot("2-filtered");
  });

  it("opens a customer, draws its charts, snoozes them and sees them leave the list", async () => {
    const listUrl = page.url();
    const before = Number((await page.textContent("#list-count"))!.replace(/,/g, ""));
    const link = page.locator("#at-risk-table tbody a").first();
    const name = (await link.textContent())!;
    const href = (await link.getAttribute("href"))!;
    await link.click();
    await page.waitForURL(`${server.url}${href}`);
    expect(await page.textContent("h1")).toContain(name);
    expect(await paintedPixels(page, "risk-chart")).toBeGreaterThan(100);
    expect(await paintedPixels(page, "usage-chart-0")).toBeGreaterThan(100);
    await page.focus("#snooze-days");
    await page.fill("#snooze-days", "7");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#action-status")).toContain("Snoozed");
    expect(await page.textContent("#snooze-value")).toMatch(/^until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    await shot("3-customer-snoozed");
    await page.goto(listUrl);
    expect(Number((await page.textContent("#list-count"))!.replace(/,/g, ""))).toBe(before - 1);
    expect(await page.locator(`#at-risk-table a[href="${href}"]`).count()).toBe(0);
  });

  it("adds a note and marks the customer contacted with labelled controls", async () => {
    const href = (await page.locator("#at-risk-table tbody a").first().getAttribute("href"))!;
    await page.goto(`${server.url}${href}`);
    await page.getByRole("textbox", { name: "Note" }).fill("Called the champion; renewal in March.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect.poll(() => page.textContent("#notes-list")).toContain("Called the champion");
    expect(await page.textContent("#notes-list")).toContain("Casey CSM");
    await page.getByRole("button", { name: "Mark contacted now" }).click();
    await expect.poll(() => page.textContent("#contacted-value")).toMatch(/UTC$/);
  });

  it("draws the KPI charts", async () => {
    await page.goto(`${server.url}/kpis?period=2025-07-01..2025-12-31&now=2026-01-01`);
    expect(await page.textContent("h1")).toBe("KPIs");
    for (const id of [
      "crr-chart",
      "churn-chart",
      "satisfaction-chart",
      "resolution-chart",
      "channel-chart",
      "agents-chart",
    ]) {
      expect(await paintedPixels(page, id), id).toBeGreaterThan(100);
    }
    await shot("4-kpis");
  });

  it("shows the support KPIs beside the previous period, each with its change in words", async () => {
    await page.goto(`${server.url}/kpis?period=2025-07-01..2025-12-31&now=2026-01-01`);
    const support = page.getByRole("table", { name: "Support KPIs, this period and the previous one" });
    await expect.poll(() => support.isVisible()).toBe(true);
    const header = await support.locator("thead th").allTextContents();
    expect(header).toEqual(["KPI", "2025-07-01..2025-12-31", "2025-01-01..2025-06-30", "Change"]);
    const rows = await support
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => (td.textContent ?? "").trim())));
    const labels = rows.map((r) => r[0]);
    for (const label of [
      "First response, median",
      "Resolution time, median",
      "Resolution rate (by the period's end)",
      "Tickets created",
      "At-risk customers with open tickets (at the end)",
    ])
      expect(labels).toContain(label);
    expect(labels.some((l) => l.startsWith("by "))).toBe(true); // volume per channel
    for (const [label, current, previous, change] of rows) {
      if (label.startsWith("At-risk")) continue; // no risk run before now in this world: no figure to compare
      expect(current, label).toMatch(/\d/);
      expect(previous, label).toMatch(/\d/);
      expect(change, label).toMatch(/^(▲ |▼ |= no change)/);
    }
    const firstResponse = rows.find((r) => r[0] === "First response, median")!;
    expect(firstResponse[1]).toMatch(/^\d+\.\d h$/);
    const colourOf = (selector: string) =>
      support
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).color);
    expect(await colourOf("td.kpi-change.better, td.kpi-change.worse")).not.toBe(await colourOf("tbody th")); // a verdict is coloured
    expect(await page.locator("#kpi-computed-at").textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    await page.locator("#kpi-support").screenshot({ path: join(ARTIFACTS, "dashboard-4b-kpi-support.png") });
  });

  it("shows the model and outreach pages (no admin buttons for a csm) without a single browser error", async () => {
    await page.goto(`${server.url}/models`);
    for (const id of ["roc-chart", "calibration-chart", "lift-chart", "importance-chart"])
      expect(await paintedPixels(page, id), id).toBeGreaterThan(100);
    expect(await page.locator("button.promote, #rollback").count()).toBe(0);
    await shot("5-model");
    await page.goto(`${server.url}/outreach`);
    expect(await page.textContent("h1")).toBe("Outreach");
    await shot("6-outreach");
    await page.click("text=Sign out");
    await page.waitForURL(`${server.url}/sign-in`);
    await page.goto(`${server.url}/at-risk`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(problems).toEqual([]);
  });
});
