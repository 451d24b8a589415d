import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
/** Screenshots of the browser tests, kept as CI artifacts. */
export const ARTIFACTS = join(process.cwd(), "test-artifacts");

/**
 * True when Debian's Chromium is installed. In CI its absence is an error (the browser tests must
 * run); elsewhere the suite says loudly that `suite` is skipped.
 */
export function chromiumAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI)
    throw new Error(`${CHROMIUM} is missing: CI must run the browser tests (apt-get install chromium)`);
  console.warn(`\n⚠⚠⚠ ${CHROMIUM} is missing: ${suite} SKIPPED (apt-get install chromium to run them) ⚠⚠⚠\n`);
  return false;
}

export interface ChromiumSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a throwaway profile. Console errors and warnings, page errors, failed
 * requests and any request leaving `origin` are pushed to `problems` (a test ends expecting none).
 */
export async function openChromium(origin: string, problems: string[]): Promise<ChromiumSession> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), "retain-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
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
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(origin)) problems.push(`external request: ${r.url()}`);
  });
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Pixels of a canvas that are not transparent: more than 0 once a chart drew on it. */
export async function paintedPixels(page: Page, id: string): Promise<number> {
  return page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId) as HTMLCanvasElement | null;
    if (!canvas?.width || !canvas.height) return 0;
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
  }, id);
}

/** A setting of the chart drawn on a canvas, read from Chart.js itself ("data.datasets.1.label"). */
export async function chartSetting(page: Page, id: string, read: string): Promise<unknown> {
  return page.evaluate(
    ([canvasId, path]) => {
      const chart = (window as unknown as { Chart: { getChart(id: string): unknown } }).Chart.getChart(canvasId);
      return path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], chart);
    },
    [id, read] as const,
  );
}

/** Signs in on the sign-in page the browser is on with an API key (behind the form's "with an API key" disclosure). */
export async function signInWithKey(page: Page, key: string): Promise<void> {
  await page.click("details > summary");
  await page.fill("#key", key);
  await page.press("#key", "Enter");
}

/** Signs in on the sign-in page the browser is on with a user's email and password. */
export async function signInAsUser(page: Page, email: string, password: string): Promise<void> {
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.press("#password", "Enter");
}
