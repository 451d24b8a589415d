import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertModelVersion } from "../src/db/repositories/model-versions.ts";
import { writeRegistryMetrics, writeRegistryTraining, type Metrics } from "../src/model/index.ts";
import { startApiClient, type ApiClient } from "./helpers/api-client.ts";
import { seedDashboardWorld } from "./helpers/dashboard-world.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";

/** Metrics with a recognisable baseline (AUC 0.5, PR AUC = prevalence, Brier of a constant). */
function metrics(auc: number): Metrics {
  return {
    auc,
    prAuc: 0.41,
    brier: 0.0912,
    logLoss: 0.3,
    lift10: 3.25,
    rows: 500,
    prevalence: 0.12,
    threshold: 0.3,
    precision: 0.4,
    recall: 0.5,
    f1: 0.44,
    flaggedShare: 0.1,
    ece: 0.02,
    baseline: { auc: 0.5, prAuc: 0.123, brier: 0.1056, logLoss: 0.37, lift10: 1.01 },
    curves: {
      roc: [
        { threshold: null, fpr: 0, tpr: 0 },
        { threshold: 0.3, fpr: 0.2, tpr: 0.7 },
        { threshold: 0, fpr: 1, tpr: 1 },
      ],
      calibration: [
        { lower: 0, upper: 0.1, count: 312, meanPredicted: 0.04, observedRate: 0.05 },
        { lower: 0.1, upper: 0.5, count: 141, meanPredicted: 0.22, observedRate: 0.2 },
        { lower: 0.5, upper: 1, count: 47, meanPredicted: 0.7, observedRate: 0.66 },
      ],
      lift: [
        { depth: 0.5, cumulativeLift: 1.6, capture: 0.8 },
        { depth: 1, cumulativeLift: 1, capture: 1 },
      ],
    },
  };
}

const importance = [
  { feature: "logins_vs_prev30", importance: 0.031 },
  { feature: "days_to_renewal", importance: 0.02 },
  { feature: "tickets_90d", importance: 0.01 },
];

const trainedWith = { dataFingerprint: "c".repeat(64), seed: 42, backend: "wasm" };

/** v3: trained from the database with a test window, three trained candidates and one skipped. */
const v3 = {
  version: "v3",
  kind: "gbdt",
  source: "database",
  createdAt: new Date("2026-06-03T00:00:00Z"),
  threshold: 0.3,
  dir: "/nonexistent/v3",
  metrics: writeRegistryMetrics({
    validation: { ...metrics(0.812), baseline: { auc: 0.5, prAuc: 0.118, brier: 0.1041, logLoss: 0.36, lift10: 0.98 } },
    test: metrics(0.797),
    importance,
    candidates: [
      { name: "lr", kind: "lr", members: 1, valAuc: 0.741, testAuc: 0.733, epochs: [9], seconds: 1.24 },
      { name: "gbdt", kind: "gbdt", members: 1, valAuc: 0.812, testAuc: 0.797, epochs: [140], seconds: 12.5 },
      { name: "mlp", kind: "mlp", members: 3, valAuc: 0.776, testAuc: 0.781, epochs: [20, 22, 19], seconds: 30.06 },
      {
        name: "knn",
        kind: "knn",
        members: 0,
        valAuc: Number.NaN,
        epochs: [],
        seconds: 0,
        skipped: "time budget spent",
      },
    ],
    stages: [],
    active: { version: "v1", metrics: metrics(0.7) },
    beatsActive: true,
  }),
  training: writeRegistryTraining({
    ...trainedWith,
    source: "database",
    from: "2026-01-05",
    to: "2026-04-27",
    horizonDays: 90,
    stepDays: 28,
    customerSample: 1,
    asOf: {
      train: ["2026-01-05", "2026-02-02"],
      validation: ["2026-03-02"],
      test: ["2026-04-27"],
      refit: ["2026-01-05", "2026-02-02", "2026-03-02", "2026-04-27"],
    },
    rows: { train: 1000, validation: 500, test: 500, refit: 2000 },
  }),
};

/** c1: trained from a CSV whose columns happen to look like Retain's; its names are the file's, kept as they are. */
const c1 = {
  version: "c1",
  kind: "lr",
  source: "csv",
  createdAt: new Date("2026-06-04T00:00:00Z"),
  threshold: 0.5,
  dir: "/nonexistent/c1",
  metrics: writeRegistryMetrics({
    validation: metrics(0.7),
    test: metrics(0.69),
    importance: [
      { feature: "days_to_renewal", importance: 0.05 },
      { feature: "monthly_spend", importance: 0.01 },
    ],
    candidates: [],
    stages: [],
    active: null,
    beatsActive: null,
  }),
  training: writeRegistryTraining({
    ...trainedWith,
    source: "csv",
    file: "churn.csv",
    evalFile: null,
    label: "churned",
  }),
};

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
/** The text of each row of the table with this id. */
function rows(page: string, id: string): string[] {
  const table = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(page);
  if (!table) throw new Error(`no table #${id}`);
  return [...table[1].matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => text(m[1]));
}
const pageData = (page: string) =>
  JSON.parse(/<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(page)![1]);

describe("model page (SQLite)", () => {
  let t: TestDatabase;
  let api: ApiClient;
  let cookie: string;
  const page = async (path: string) => {
    const res = await api.call("GET", path, { key: null, headers: { cookie } });
    expect(
      res.status,
      String(res.body)
        .replace(/^[\s\S]*<main/, "")
        .slice(0, 800),
    ).toBe(200);
    return String(res.body);
  };

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await seedDashboardWorld(t);
    await insertModelVersion(t.db, v3);
    await insertModelVersion(t.db, c1);
    api = await startApiClient(t, { sessionSecret: "model-page-secret-0123456789abcdef" });
    const res = await fetch(`${api.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ key: api.keys.csm, next: "/models" }),
      redirect: "manual",
    });
    cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  });
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("lists every candidate with validation AUC, test AUC and fit time, best first and the skipped one last", async () => {
    const body = await page("/models?version=v3");
    expect(rows(body, "leaderboard")).toEqual([
      "Candidate Kind Validation AUC Test AUC Fit time (s) Notes",
      "gbdt gbdt 0.812 0.797 12.5 highest validation AUC",
      "mlp mlp 0.776 0.781 30.1 3 members",
      "lr lr 0.741 0.733 1.2",
      "knn knn – – – skipped: time budget spent",
    ]);
  });

  it("a version from before format 2 lists the name and validation AUC it kept", async () => {
    expect(rows(await page("/models?version=v1"), "leaderboard").slice(1)).toEqual([
      "lr – 0.700 – – highest validation AUC",
    ]);
  });

  it("puts the naive baseline beside AUC, PR AUC, Brier and lift, on the test window and on validation", async () => {
    expect(rows(await page("/models?version=v3"), "scores")).toEqual([
      "Metric Test window Naive baseline Validation (chose it) Naive baseline",
      "ROC AUC (higher is better) 0.797 0.500 0.812 0.500",
      "PR AUC (higher is better) 0.410 0.123 0.410 0.118",
      "Brier score (lower is better) 0.0912 0.1056 0.0912 0.1041",
      "Lift in the top 10 % (higher is better) 3.25 1.01 3.25 0.98",
    ]);
    const older = rows(await page("/models?version=v2"), "scores");
    expect(older[0]).toBe("Metric Validation (chose it) Naive baseline");
    expect(older[1]).toBe("ROC AUC (higher is better) 0.800 0.500");
  });

  it("shows each calibration bin with its row count, and gives the chart the counts for its tooltip", async () => {
    const body = await page("/models?version=v3");
    expect(rows(body, "calibration-bins")).toEqual([
      "Predicted probability Rows Mean predicted Observed churn rate",
      "0.0–0.1 312 4.0 % 5.0 %",
      "0.1–0.5 141 22.0 % 20.0 %",
      "0.5–1.0 47 70.0 % 66.0 %",
    ]);
    expect(pageData(body).curves.calibration.map((b: { count: number }) => b.count)).toEqual([312, 141, 47]);
  });

  it("names importances for people (column names kept for a CSV-trained model) and labels the chart's axis", async () => {
    const body = await page("/models?version=v3");
    expect(rows(body, "importance-table").slice(1)).toEqual([
      "Logins: last 30 d vs the 30 before logins_vs_prev30 0.0310",
      "Days to renewal days_to_renewal 0.0200",
      "Tickets, last 90 days tickets_90d 0.0100",
    ]);
    expect(pageData(body).importance.map((i: { label: string }) => i.label)).toEqual([
      "Logins: last 30 d vs the 30 before",
      "Days to renewal",
      "Tickets, last 90 days",
    ]);
    const csv = pageData(await page("/models?version=c1"));
    expect(csv.importance.map((i: { label: string }) => i.label)).toEqual(["days_to_renewal", "monthly_spend"]);
    const script = String((await api.call("GET", "/assets/model.js", { key: null })).body);
    expect(script).toContain('text: "validation ROC AUC lost when shuffled"');
    expect(script).toContain("labels: d.importance.map((i) => i.label)");
  });

  it("labels the ROC diagonal chance and the calibration diagonal perfect calibration", async () => {
    const script = String((await api.call("GET", "/assets/model.js", { key: null })).body);
    expect(script).not.toContain("chance / perfect calibration");
    expect(script).toContain('diagonal("chance")');
    expect(script).toContain('diagonal("perfect calibration")');
  });
});
