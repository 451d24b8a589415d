import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findActiveModelVersion,
  findModelVersion,
  insertModelVersion,
  listModelEvents,
} from "../src/db/repositories/model-versions.ts";
import { isoDateToDay } from "../src/db/index.ts";
import {
  evaluateAsOf,
  listModels,
  promoteModel,
  rollbackModel,
  trainFromDatabase,
  type TrainingReport,
} from "../src/model/registry/index.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { importDemoWorld, QUICK_CANDIDATES } from "./helpers/trained-world.ts";

describe.each(testDialects())("model registry on %s", (dialect) => {
  let t: TestDatabase;
  let modelsDir: string;
  let a: TrainingReport;
  let b: TrainingReport;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
    await importDemoWorld(t, { customers: 250 });
    a = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES, seed: 1 });
  });
  afterAll(() => t.drop());

  it("saves every trained model as a candidate: files, evaluation report and a registry row", async () => {
    const record = await findModelVersion(t.db, a.version);
    expect(record).toMatchObject({ status: "candidate", source: "database", dir: join(modelsDir, a.version) });
    for (const file of [
      "metadata.json",
      "preprocessing.json",
      "evaluation.json",
      "net-0/model.json",
      "net-0/weights.bin",
    ]) {
      expect(existsSync(join(modelsDir, a.version, file)), file).toBe(true);
    }
    const metadata = JSON.parse(readFileSync(join(modelsDir, a.version, "metadata.json"), "utf8"));
    expect(metadata.trainingWindow.validationAsOf).toEqual(a.asOf.validation);
    expect(metadata.dataFingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Temporal validation: training labels end before the first validation date.
    const firstValidation = Date.parse(a.asOf.validation[0]);
    for (const d of a.asOf.train) expect(Date.parse(d) + 90 * 864e5).toBeLessThanOrEqual(firstValidation);
    expect(a.metrics.auc).toBeGreaterThan(0.55); // a tiny world and a quick model: it still learns (the benchmark checks quality)
    expect(a.metrics.baseline.auc).toBe(0.5);
    expect(a.metrics.curves.calibration).toHaveLength(10);
    expect(a.active).toBeNull();
  });

  it("chooses on training and validation dates, reports the untouched test window apart, and refits on every labelled date", () => {
    const { train, validation, test, refit } = a.asOf;
    expect(new Set([...train, ...validation, ...test]).size).toBe(train.length + validation.length + test.length); // no date in two roles
    expect([...train, ...validation, ...test].every((d) => refit.includes(d))).toBe(true);
    expect(refit.length).toBeGreaterThan(train.length + validation.length + test.length); // the gap dates join the refit
    expect(test.at(-1)! > validation.at(-1)! && validation.at(-1)! > train.at(-1)!).toBe(true);
    expect(Date.parse(validation.at(-1)!) + 90 * 864e5).toBeLessThanOrEqual(Date.parse(test[0]));
    expect(a.rows.refit).toBeGreaterThan(a.rows.train + a.rows.validation + a.rows.test);
    expect(a.test.rows).toBe(a.rows.test);
    expect(a.stages.map((s) => s.stage)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^features \(\d+ dates, \d+ rows\)$/),
        "candidate lr",
        "calibration",
        "refit",
      ]),
    );
    const metadata = JSON.parse(readFileSync(join(modelsDir, a.version, "metadata.json"), "utf8"));
    expect(metadata.trainingWindow).toMatchObject({
      trainAsOf: train,
      validationAsOf: validation,
      testAsOf: test,
      refitAsOf: refit,
      stepDays: 7,
      customerSample: 1,
    });
    expect(metadata.rows.refit).toBe(a.rows.refit);
  });

  it("promotes the first model; a later one is compared with it on the same test rows", async () => {
    expect(await promoteModel({ db: t.db, version: a.version })).toMatchObject({ version: a.version, previous: null });
    b = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES, seed: 2 });
    expect(b.active?.version).toBe(a.version);
    expect(b.active?.metrics.rows).toBe(b.test.rows);
  });

  it("refuses an improvement inside the noise (the same settings, another seed), with the figures; an admin may force it", async () => {
    const refused = promoteModel({ db: t.db, version: b.version, actor: "ada@example.com" });
    await expect(refused).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(
        new RegExp(
          `does not earn promotion over the active model ${a.version}: expected the AUC interval to lie above zero`,
        ),
      ),
    });
    const message = await refused.catch((e: Error) => e.message);
    expect(message).toMatch(/95 % interval \[[−+]\d\.\d{4}, [−+]\d\.\d{4}\] \(1000 paired resamples\)/);
    expect(message).toContain(`on the same ${b.test.rows.toLocaleString("en-US")} rows (test window of ${b.version}`);
    expect((await findActiveModelVersion(t.db))?.version).toBe(a.version);
    const [refusal] = await listModelEvents(t.db, 1);
    expect(refusal).toMatchObject({ version: b.version, action: "refused", actor: "ada@example.com" });
    const figures = JSON.parse(refusal.figures!);
    expect(figures.comparison.auc.low).toBeLessThanOrEqual(0);
    expect(figures.comparison.candidate.auc).toBeCloseTo(b.test.auc, 6); // the saved pre-refit scores: its test AUC
    // The version history: both versions on the same rows (b's test window), as the list and the model page show them.
    const { sameRows } = await listModels(t.db);
    expect(sameRows).toMatchObject({ window: b.version, rows: b.test.rows, dates: b.asOf.test });
    expect(sameRows!.scores[b.version].auc).toBeCloseTo(figures.comparison.candidate.auc, 12);
    expect(sameRows!.scores[a.version].auc).toBeCloseTo(figures.comparison.active.auc, 12);
    const cli = await runCli(["models", "list"], t.env);
    expect(cli.stdout).toContain(`same rows: the ${b.test.rows} rows of the test window of ${b.version}`);
    expect(await promoteModel({ db: t.db, version: b.version, force: true, actor: "ada@example.com" })).toMatchObject({
      previous: a.version,
      forced: true,
    });
    expect((await findActiveModelVersion(t.db))?.version).toBe(b.version);
    const [forced] = await listModelEvents(t.db, 1);
    expect(forced).toMatchObject({ version: b.version, action: "promote", actor: "ada@example.com" });
    expect(forced.reason).toMatch(/^forced by ada@example\.com/);
  });

  it("rolls back to the model active before, and refuses when there is none", async () => {
    expect(await rollbackModel({ db: t.db })).toEqual({ version: a.version, from: b.version });
    expect((await findActiveModelVersion(t.db))?.version).toBe(a.version);
    const active = await t.db.prisma().modelVersion.findMany({ where: { status: "active" } });
    expect(active).toHaveLength(1);
    const fresh = await createTestDatabase(dialect);
    try {
      await expect(rollbackModel({ db: fresh.db })).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      await fresh.drop();
    }
  });

  it("evaluate says when the as-of date overlaps the model's own dates, and leaves those rows out unless asked", async () => {
    const seen = a.asOf.validation[0];
    const args = ["evaluate", "--model", a.version, "--as-of", seen];
    const plain = await runCli(args, t.env);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(
      new RegExp(
        `warning: ${seen} lies within 90 days of the model's \\w+ date [\\d-]+: its (\\d+) rows overlap what the ` +
          "model learnt from; \\1 rows left out",
      ),
    );
    expect(plain.stdout).toContain("nothing evaluated");
    const json = lastJsonLine((await runCli([...args, "--json"], t.env)).stdout);
    expect(json).toMatchObject({ metrics: null, overlap: { included: false, nearest: seen, role: "validation" } });
    expect(json.leftOut).toBeGreaterThan(0);
    const included = lastJsonLine((await runCli([...args, "--include-seen", "--json"], t.env)).stdout);
    expect(included).toMatchObject({ leftOut: 0, overlap: { included: true }, metrics: { rows: json.leftOut } });
    // Without the model's dates (a CSV-trained model, or a date far from them) nothing is left out.
    const unknown = await evaluateAsOf({ db: t.db, modelDir: join(modelsDir, a.version), asOfDay: isoDateToDay(seen) });
    expect(unknown.overlap).toBeNull();
    expect(unknown.metrics?.rows).toBe(json.leftOut);
  });

  it("refuses to promote a CSV-trained model or an unknown version", async () => {
    await insertModelVersion(t.db, {
      version: "csv-1",
      kind: "lr",
      source: "csv",
      createdAt: new Date(),
      threshold: 0.5,
      metrics: "{}",
      training: "{}",
      dir: "/nowhere",
    });
    await expect(promoteModel({ db: t.db, version: "csv-1" })).rejects.toMatchObject({
      message: expect.stringContaining("trained from a CSV file"),
    });
    await expect(promoteModel({ db: t.db, version: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
