import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDateToDay } from "../src/db/index.ts";
import { loadRunScores } from "../src/db/repositories/risk-runs.ts";
import { buildFeatureFrame } from "../src/features/index.ts";
import {
  promoteModel,
  readTrainingDistribution,
  rocAuc,
  TRAINING_DISTRIBUTION_FILE,
  trainFromDatabase,
  type TrainingDistribution,
} from "../src/model/index.ts";
import { loadModelHealth, refreshRunOutcomes } from "../src/monitoring/index.ts";
import { runNightlyScoring, scoreCustomers } from "../src/scoring/index.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database.ts";
import { importDemoWorld, QUICK_CANDIDATES } from "./helpers/trained-world.ts";

/** A demo world to 2025-12-31: a model trained on it, runs scored at past dates whose horizons pass in the data. */
describe("model health on a trained world (SQLite)", () => {
  let t: TestDatabase;
  let dir: string;
  let distribution: TrainingDistribution;
  const runIds: Record<string, number> = {};
  const score = async (asOf: string) => {
    const started = performance.now();
    const result = await scoreCustomers({ db: t.db, asOfDay: isoDateToDay(asOf) });
    runIds[asOf] = result.runId;
    return performance.now() - started;
  };

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    await importDemoWorld(t, { customers: 300, days: 400 });
    const modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
    t.env.RETAIN_MODELS_DIR = modelsDir;
    const report = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES });
    await promoteModel({ db: t.db, version: report.version });
    dir = report.dir;
    distribution = (await readTrainingDistribution(dir))!;
    for (const asOf of ["2025-08-01", "2025-09-15", "2025-11-15"]) await score(asOf);
  }, 300_000);
  afterAll(() => t.drop());

  it("saves the training window's distribution with the model", () => {
    expect(distribution.rows).toBeGreaterThan(100);
    expect(distribution.features.length).toBeGreaterThan(20);
    for (const column of [...distribution.features, distribution.score])
      expect(
        column.shares.reduce((a, b) => a + b, 0),
        column.name,
      ).toBeCloseTo(1, 9);
    expect(distribution.features.find((f) => f.name === "plan")).toMatchObject({ type: "categorical" });
  });

  it("measures runs whose horizon passed against the labels the features give, and leaves the last pending", async () => {
    const refreshed = await refreshRunOutcomes({ db: t.db });
    expect(refreshed.measured.map((m) => m.asOf)).toEqual(["2025-08-01", "2025-09-15"]);
    expect(refreshed.pending).toEqual([
      { runId: runIds["2025-11-15"], asOf: "2025-11-15", measurableOn: "2026-02-13" },
    ]);
    // Independently: the feature builder's labels (churned within 90 days, known by the data's end) and the run's scores.
    const frame = await buildFeatureFrame({ db: t.db, asOfDay: isoDateToDay("2025-09-15") });
    const scores = await loadRunScores(t.db, runIds["2025-09-15"]);
    const y = frame.rows.map((r) => r.label!);
    const p = frame.rows.map((r) => scores.get(r.customerId)!.probability);
    const health = await loadModelHealth({ db: t.db, psiThreshold: 0.2 });
    const run = health.runs.find((r) => r.asOf === "2025-09-15")!;
    expect(run.outcome!.overall.rows).toBe(frame.rows.length);
    expect(run.outcome!.overall.churned).toBe(y.filter((v) => v === 1).length);
    expect(run.outcome!.overall.auc).toBeCloseTo(rocAuc(y, p), 9);
    expect(run.outcome!.overall.auc).toBeGreaterThan(0.6);
    expect(health.versions[0].promised.testAuc).toEqual(expect.any(Number));
  });

  it("measures drift against the training window and flags a feature pushed out of it", async () => {
    // Every account's MRR moves far above anything seen in training.
    await t.db.sql.run("UPDATE customers SET mrr = mrr * 10 + 100000");
    await score("2025-11-20");
    const health = await loadModelHealth({ db: t.db, psiThreshold: 0.2 });
    const before = health.runs.find((r) => r.asOf === "2025-09-15")!.drift;
    const after = health.runs.find((r) => r.asOf === "2025-11-20")!.drift;
    if (!before.available || !after.available) throw new Error("expected drift on runs of a model with a distribution");
    expect(before.flagged.map((f) => f.name)).not.toContain("mrr");
    const mrr = after.flagged.find((f) => f.name === "mrr")!;
    expect(mrr.psi).toBeGreaterThan(5);
    expect(mrr.run.at(-2)).toBe(1); // everyone in the top training bin
    expect(health.latestDrift?.runId).toBe(runIds["2025-11-20"]);

    const cli = await runCli(["monitor", "--json"], t.env);
    expect(cli.code, cli.stderr).toBe(0);
    const flagged = lastJsonLine(cli.stdout);
    expect(flagged.runs.at(-1).drift.flagged.map((f: { name: string }) => f.name)).toContain("mrr");
    // PSI is at most about 2 · ln(1 / 0.0001) ≈ 18 with the epsilon: nothing is over 50.
    const lenient = await runCli(["monitor", "--json"], { ...t.env, RETAIN_DRIFT_PSI: "50" });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lastJsonLine(lenient.stdout).runs.at(-1).drift.flagged).toEqual([]);
    const text = await runCli(["monitor"], t.env);
    expect(text.stdout).toMatch(/Drift of run \d+ \(2025-11-20\).*over PSI 0\.2/);
    expect(text.stdout).toMatch(/\nmrr\s+\d+\.\d{3}/);
  }, 120_000);

  it("says drift is not available for a model trained before training distributions were saved", async () => {
    rmSync(join(dir, TRAINING_DISTRIBUTION_FILE));
    await score("2025-11-27");
    const health = await loadModelHealth({ db: t.db, psiThreshold: 0.2 });
    expect(health.runs.at(-1)!.drift).toEqual({
      available: false,
      reason: expect.stringMatching(/^not available for models trained before training distributions were saved/),
    });
    expect(health.runs.find((r) => r.asOf === "2025-09-15")!.drift.available).toBe(true);
  });

  it("the nightly job measures earlier runs after it scores", async () => {
    await t.db.sql.run("DELETE FROM run_outcomes");
    const outcome = await runNightlyScoring({ db: t.db, asOfDay: isoDateToDay("2025-12-01") });
    expect(outcome.status).toBe("done");
    const job = await t.db.prisma().jobRun.findUniqueOrThrow({ where: { runKey: "nightly-scoring:2025-12-01" } });
    expect(JSON.parse(job.counts!)).toMatchObject({ runsMeasured: 2 });
    const measured = await t.db.sql.all<{ run_id: number }>("SELECT run_id FROM run_outcomes ORDER BY run_id");
    expect(measured.map((r) => Number(r.run_id))).toEqual([runIds["2025-08-01"], runIds["2025-09-15"]]);
  });
});
