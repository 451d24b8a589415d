import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser, passwordLinkPath } from "../src/auth/index.ts";
import { createApp } from "../src/server/index.ts";
import { ARTIFACTS, chromiumAvailable, openChromium, signInAsUser, type ChromiumSession } from "./helpers/chromium.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";

const haveChromium = chromiumAvailable("the people browser tests");
const PASSWORD = "a long and memorable passphrase";

/** People in Chromium: an admin's one-time link, the Users page, a CSM's link, sign-in by email, My accounts. */
describe.skipIf(!haveChromium)("people in Chromium (SQLite)", () => {
  let t: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  let browser: ChromiumSession;
  let page: Page;
  let adminLink: string;
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `people-${name}.png`), fullPage: true });
  const listed = () =>
    page.$$eval("#at-risk-table tbody a[href^='/customers/']", (els) => els.map((e) => e.textContent));
  const choosePassword = async () => {
    await page.fill("#password", PASSWORD);
    await page.fill("#confirm", PASSWORD);
    await page.press("#confirm", "Enter");
  };

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await seedDashboardWorld(t);
    const { link } = await addUser(t.db, { email: "ida@cs.test", name: "Ida Admin", role: "admin" });
    server = await serveApp(createApp({ db: t.db, config: t.config }));
    adminLink = `${server.url}${passwordLinkPath(link.token)}`;
    browser = await openChromium(server.url, problems);
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.drop();
  });

  it("an admin sets a password through their link and lands on everyone at risk", async () => {
    await page.goto(adminLink);
    expect(await page.textContent("h1")).toBe("Set your password");
    expect(await page.textContent("main")).toContain("Ida Admin");
    await choosePassword();
    await page.waitForURL(`${server.url}/at-risk`);
    expect(await page.textContent(".who")).toContain("Ida Admin");
    expect(await listed()).toHaveLength(5);
  });

  it("on the Users page the admin makes a new link for a CSM, shown once, and sees who owns how many accounts", async () => {
    await page.click("nav >> text=Users");
    await page.waitForURL(`${server.url}/users`);
    expect(await page.textContent('#users tr[data-user="ann@cs.test"] td.num')).toBe("2");
    await page.click('#users tr[data-user="ann@cs.test"] button[value=link]');
    await expect.poll(() => page.textContent("#flash")).toContain("New link for Ann Archer");
    const link = await page.inputValue("#password-link");
    expect(link).toMatch(new RegExp(`^${server.url}/set-password\\?token=`));
    await shot("1-users");
    await page.goto(`${server.url}/users`); // shown once: not on the next visit
    expect(await page.locator("#password-link").count()).toBe(0);
    await page.click("text=Sign out");
    await page.waitForURL(`${server.url}/sign-in`);

    await page.goto(link);
    await choosePassword();
    await page.waitForURL(`${server.url}/at-risk?owner=me`);
  });

  it("a CSM lands on My accounts (their book), with everyone at risk a click away", async () => {
    expect((await listed()).sort()).toEqual(["<script>alert(1)</script> & Co", "Acme"]);
    expect(await page.getAttribute("nav a[href='/at-risk?owner=me']", "aria-current")).toBe("page");
    await shot("2-my-accounts");
    await page.click("nav >> text=Everyone at risk");
    await page.waitForURL(`${server.url}/at-risk`);
    expect(await listed()).toHaveLength(5);
    expect(await page.locator("nav a[href='/users']").count()).toBe(0);
  });

  it("signs out and back in with email and password (the keyboard only), back on My accounts", async () => {
    await page.click("text=Sign out");
    await page.waitForURL(`${server.url}/sign-in`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("email");
    await page.fill("#email", "ann@cs.test");
    await page.fill("#password", "not the password");
    await page.press("#password", "Enter");
    await expect.poll(() => page.textContent("#sign-in-error")).toContain("Wrong email or password");
    expect(await page.inputValue("#email")).toBe("ann@cs.test");
    await signInAsUser(page, "ANN@cs.test", PASSWORD);
    await page.waitForURL(`${server.url}/at-risk?owner=me`);
    expect(await page.textContent(".who")).toContain("Ann Archer");
    await shot("3-signed-in");
    expect(problems.filter((p) => !p.includes("401"))).toEqual([]);
  });
});
