import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
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
import { createApiKey } from "../src/auth/index.ts";
import { isoDateToDay } from "../src/db/index.ts";
import { getModel, promoteModel, trainFromDatabase, type ModelDetail } from "../src/model/index.ts";
import { refreshRunOutcomes } from "../src/monitoring/index.ts";
import { scoreCustomers } from "../src/scoring/index.ts";
import type { CandidateConfig } from "../src/model/train-candidates.ts";
import { createApp } from "../src/server/index.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";
import { importDemoWorld, QUICK_CANDIDATES } from "./helpers/trained-world.ts";

const haveChromium = chromiumAvailable("the model page browser test");

/** Two quick logistic regressions to rank, and one too big for the data to be skipped with its reason. */
const CANDIDATES: CandidateConfig[] = [
  ...QUICK_CANDIDATES,
  { name: "lr-l2", kind: "lr", hidden: [], l2: 1e-2, learningRate: 0.05, maxEpochs: 12, patience: 3 },
  { name: "mlp-small", kind: "mlp", hidden: [8], maxEpochs: 5, maxRows: 10 },
];

describe.skipIf(!haveChromium)("model page in Chromium (SQLite)", () => {
  let t: TestDatabase;
  let server: { url: string; close(): Promise<void> };
  let browser: ChromiumSession;
  let page: Page;
  let csmKey: string;
  let model: ModelDetail;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await importDemoWorld(t, { customers: 300, days: 400 });
    const modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
    const report = await trainFromDatabase({ db: t.db, modelsDir, candidates: CANDIDATES });
    await promoteModel({ db: t.db, version: report.version });
    model = await getModel(t.db, report.version);
    // Runs whose horizon has passed by the data's end (2025-12-31), one still pending, and one after every
    // account's MRR moved far above anything in training (drift).
    for (const asOf of ["2025-08-01", "2025-09-15"]) await scoreCustomers({ db: t.db, asOfDay: isoDateToDay(asOf) });
    await t.db.sql.run("UPDATE customers SET mrr = mrr * 10 + 100000");
    await scoreCustomers({ db: t.db, asOfDay: isoDateToDay("2025-11-15") });
    await refreshRunOutcomes({ db: t.db });
    csmKey = (await createApiKey(t.db, { role: "csm", name: "Casey CSM" })).key;
    server = await serveApp(createApp({ db: t.db, config: t.config }));
    browser = await openChromium(server.url, problems);
    page = browser.page;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.drop();
  });

  it("shows the leaderboard, baseline, calibration counts and readable importances, and paints every chart", async () => {
    await page.goto(`${server.url}/models`);
    await signInWithKey(page, csmKey);
    await page.waitForURL(`${server.url}/models`);
    expect(await page.textContent("h1")).toBe("Churn model");

    const rows = await page.$$eval("#leaderboard tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("th, td"), (c) => c.textContent!.trim())),
    );
    expect(rows.map((r) => r[0]).sort()).toEqual(model.candidates.map((c) => c.name).sort());
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(["lr", "lr-l2", "mlp-small"]));
    const skipped = rows.find((r) => r[0] === "mlp-small")!;
    expect(skipped.slice(2)).toEqual(["–", "–", "–", "skipped: more than 10 training rows"]);
    const trained = rows.filter((r) => r[0] !== "mlp-small");
    for (const [, , valAuc, testAuc, seconds] of trained) {
      expect(valAuc).toMatch(/^0\.\d{3}$/);
      expect(testAuc).toMatch(/^0\.\d{3}$/);
      expect(seconds).toMatch(/^\d+\.\d$/);
    }
    const valAucs = trained.map((r) => Number(r[2]));
    expect(valAucs).toEqual([...valAucs].sort((a, b) => b - a));
    expect(trained[0][5]).toContain("highest validation AUC");

    expect(await page.textContent("#scores tbody tr:first-child")).toMatch(/ROC AUC.*0\.500/s);
    const counts = await page.$$eval("#calibration-bins tbody td:nth-child(2)", (tds) =>
      tds.map((td) => Number(td.textContent!.replace(/,/g, ""))),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(model.test!.rows);
    const labels = await page.$$eval("#importance-table tbody td:first-child", (tds) =>
      tds.map((td) => td.textContent),
    );
    const columns = await page.$$eval("#importance-table tbody code", (els) => els.map((e) => e.textContent));
    expect(labels.filter((l, i) => l === columns[i])).toEqual([]);

    for (const id of ["roc-chart", "calibration-chart", "lift-chart", "importance-chart"])
      expect(await paintedPixels(page, id), id).toBeGreaterThan(100);
    expect(await chartSetting(page, "roc-chart", "data.datasets.1.label")).toBe("chance");
    expect(await chartSetting(page, "calibration-chart", "data.datasets.1.label")).toBe("perfect calibration");
    expect(await chartSetting(page, "importance-chart", "options.scales.x.title.text")).toBe(
      "validation ROC AUC lost when shuffled",
    );
    expect(await chartSetting(page, "importance-chart", "data.labels.0")).toBe(labels[0]);
    await page.screenshot({ path: join(ARTIFACTS, "model-page.png"), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("shows realised AUC and precision over time beside the promised AUC, pending runs, and the drifted feature's bins", async () => {
    await page.goto(`${server.url}/models`);
    const runs = await page.$$eval("#realised-runs tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td"), (c) => c.textContent!.trim())),
    );
    expect(runs.map((r) => [r[0], r[2]])).toEqual([
      ["2025-08-01", "measured"],
      ["2025-09-15", "measured"],
      ["2025-11-15", "pending until 2026-02-13"],
    ]);
    expect(runs[0][4]).toMatch(/^0\.\d{3}$/);
    expect(runs[2][4]).toBe("–");
    expect(runs[2][10]).toMatch(/over PSI 0\.2: .*mrr/);
    expect(await paintedPixels(page, "realised-chart")).toBeGreaterThan(100);
    const labels = await chartSetting(page, "realised-chart", "data.datasets");
    expect((labels as { label: string }[]).map((d) => d.label)).toEqual([
      "realised AUC",
      "at-risk precision",
      "test AUC promised",
      "validation AUC promised",
    ]);
    expect(await chartSetting(page, "realised-chart", "data.datasets.2.data.0.y")).toBeCloseTo(model.test!.auc!, 9);

    const drift = await page.$$eval("#drift-table tbody tr.flagged th", (ths) =>
      ths.map((th) => th.textContent!.trim()),
    );
    expect(drift).toContain("mrr");
    const mrrChart = `drift-chart-${drift.indexOf("mrr")}`;
    expect(await page.textContent(`#${mrrChart}-h`)).toContain("mrr");
    expect(await paintedPixels(page, mrrChart)).toBeGreaterThan(100);
    expect(await chartSetting(page, mrrChart, "data.datasets.0.label")).toBe("training window");
    const run = (await chartSetting(page, mrrChart, "data.datasets.1.data")) as number[];
    expect(run.at(-2)).toBeCloseTo(100, 9); // every customer in the top training bin
    await page.locator("#model-health").screenshot({ path: join(ARTIFACTS, "model-page-health.png") });
    expect(problems).toEqual([]);
  });
});
