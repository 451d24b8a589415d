import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayToIsoDate, isoDateToDay } from "../src/db/index.ts";
import { readCsvTable } from "../src/model/read-csv-table.ts";
import { findRiskRun, insertRiskScores, startRiskRun } from "../src/db/repositories/risk-runs.ts";
import { readDrivers } from "../src/features/index.ts";
import { promoteModel, trainFromDatabase } from "../src/model/registry/index.ts";
import { scoreCustomers } from "../src/scoring/index.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";
import { importDemoWorld, QUICK_CANDIDATES } from "./helpers/trained-world.ts";

describe.each(testDialects())("scoring on %s", (dialect) => {
  let t: TestDatabase;
  const day = isoDateToDay("2026-01-01");

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await importDemoWorld(t);
  });
  afterAll(() => t.drop());

  it("refuses to score without an active model, saying how to get one", async () => {
    await expect(scoreCustomers({ db: t.db, asOfDay: day })).rejects.toMatchObject({
      code: "NO_ACTIVE_MODEL",
      message: expect.stringContaining("retain train"),
    });
  });

  it("scores every current customer: probability, band, drivers in words, at-risk flag by the rule", async () => {
    const modelsDir = mkdtempSync(join(tmpdir(), "retain-models-"));
    const report = await trainFromDatabase({ db: t.db, modelsDir, candidates: QUICK_CANDIDATES });
    await promoteModel({ db: t.db, version: report.version });
    const result = await scoreCustomers({ db: t.db, asOfDay: day, rule: "top:20" });
    const current = await t.db.sql.all<{ n: number }>(
      "SELECT COUNT(*) AS n FROM customers WHERE signup_date < ? AND (churn_date IS NULL OR churn_date > ?)",
      [new Date(day * 864e5), new Date(day * 864e5)],
    );
    expect(result.scored).toBe(Number(current[0].n));
    expect(result.atRisk).toBe(Math.round(result.scored * 0.2));
    expect(result.modelVersion).toBe(report.version);
    const scores = await t.db.prisma().riskScore.findMany({ where: { runId: result.runId } });
    expect(scores).toHaveLength(result.scored);
    const atRisk = scores.filter((s) => s.atRisk);
    const minAtRisk = Math.min(...atRisk.map((s) => s.probability));
    expect(scores.filter((s) => !s.atRisk).every((s) => s.probability <= minAtRisk)).toBe(true);
    for (const s of scores.slice(0, 20)) {
      expect(s.probability).toBeGreaterThanOrEqual(0);
      expect(s.probability).toBeLessThanOrEqual(1);
      expect(["high", "medium", "low"]).toContain(s.band);
      expect(JSON.parse(s.drivers).formatVersion).toBe(2);
      const drivers = readDrivers(s.drivers, "of a scored customer");
      expect(drivers.length).toBeLessThanOrEqual(3);
      for (const d of drivers) {
        expect(d.text).toMatch(/\w+ \w+/);
        expect(d.delta).toBeGreaterThan(0);
      }
    }
  });

  it("re-running a date replaces its run atomically; readers never see a run being written", async () => {
    const first = await findRiskRun(t.db, { asOf: new Date(day * 864e5) });
    const building = await startRiskRun(t.db, { asOf: new Date(day * 864e5), modelVersion: "x", rule: "{}" });
    await insertRiskScores(t.db, building, [
      {
        customerId: 1,
        probability: 0.5,
        band: "high",
        atRisk: true,
        mrr: 1,
        drivers: "[]",
        previous: null,
        change: "new",
      },
    ]);
    expect((await findRiskRun(t.db, { asOf: new Date(day * 864e5) }))?.id).toBe(first!.id);
    const again = await scoreCustomers({ db: t.db, asOfDay: day, rule: "top:20" });
    const runs = await t.db.prisma().riskRun.findMany({ where: { asOf: new Date(day * 864e5), status: "complete" } });
    expect(runs.map((r) => r.id)).toEqual([again.runId]);
    expect(await t.db.prisma().riskScore.count({ where: { runId: first!.id } })).toBe(0);
  });

  it("records what changed since the previous run", async () => {
    await scoreCustomers({ db: t.db, asOfDay: day + 7, rule: "top:30" });
    const next = await findRiskRun(t.db, { asOf: new Date((day + 7) * 864e5) });
    const scores = await t.db.prisma().riskScore.findMany({ where: { runId: next!.id } });
    const changes = new Set(scores.map((s) => s.change));
    expect(changes.has("new")).toBe(true); // 30% at risk instead of 20%: some are newly at risk
    expect(scores.filter((s) => s.previous !== null).length).toBeGreaterThan(scores.length * 0.8);
    for (const s of scores.filter((s) => s.change === "up"))
      expect(s.probability - s.previous!).toBeGreaterThanOrEqual(0.05 - 1e-6);
  });

  it("writes every scored customer to --out: probability, band, at_risk, drivers in words and the features behind them", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "retain-scores-")), "scores.csv");
    const result = await scoreCustomers({ db: t.db, asOfDay: day + 14, rule: "top:20", outFile: file });
    const { table } = await readCsvTable(file);
    expect(table.columns.slice(0, 6)).toEqual(["customer_id", "as_of", "probability", "band", "at_risk", "drivers"]);
    for (const feature of [
      "logins_30d",
      "logins_vs_prev30",
      "days_to_renewal",
      "cancel_request_open",
      "csat_last_vs_mean",
    ])
      expect(table.columns).toContain(feature);
    expect(table.rows).toHaveLength(result.scored);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const stored = await t.db.sql.all<{
      external_id: string;
      probability: number;
      at_risk: number | boolean;
      drivers: string;
    }>(
      "SELECT c.external_id, s.probability, s.at_risk, s.drivers FROM risk_scores s JOIN customers c " +
        "ON c.id = s.customer_id WHERE s.run_id = ?",
      [result.runId],
    );
    const byId = new Map(stored.map((s) => [s.external_id, s]));
    const col = (name: string) => table.columns.indexOf(name);
    for (const row of table.rows) {
      const s = byId.get(String(row[col("customer_id")]))!;
      expect(Number(row[col("probability")])).toBeCloseTo(s.probability, 5);
      expect(Number(row[col("at_risk")])).toBe(s.at_risk ? 1 : 0);
      expect(row[col("as_of")]).toBe(dayToIsoDate(day + 14));
      expect(String(row[col("drivers")] ?? "")).toBe(
        readDrivers(s.drivers, `of ${s.external_id}`)
          .map((d) => d.text)
          .join("; "),
      );
    }
    expect(table.rows.filter((r) => Number(r[col("at_risk")]) === 1)).toHaveLength(result.atRisk);
  });

  it("gives only reasons that raise risk, in words that agree: usage reasons say usage fell, never that it rose", async () => {
    const scores = await t.db
      .prisma()
      .riskScore.findMany({ where: { runId: (await findRiskRun(t.db, { asOf: new Date(day * 864e5) }))!.id } });
    const all = scores.flatMap((s) => readDrivers(s.drivers, "of a scored customer"));
    expect(all.length).toBeGreaterThan(scores.length); // most customers have several reasons
    for (const d of all) {
      expect(d.delta).toBeGreaterThan(0);
      expect(["plan", "segment", "mrr"]).not.toContain(d.feature); // context is never a reason
      expect(d.text).not.toMatch(/\bup \d+ ?%|promoter|MRR/); // the old "events up 338%"
      if (d.feature.startsWith("usage:")) expect(d.text).toMatch(/down|below|no |of their peak|falling/);
    }
    expect(new Set(all.map((d) => d.feature)).size).toBeGreaterThan(2);
  });
});
