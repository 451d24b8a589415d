import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadIdMap } from "../src/db/repositories/reference-ids.ts";
import { completeRiskRun, insertRiskScores, startRiskRun } from "../src/db/repositories/risk-runs.ts";
import { ingestRecords } from "../src/ingest/index.ts";
import { loadModelHealth, refreshRunOutcomes } from "../src/monitoring/index.ts";
import { createFactories } from "./helpers/factories.ts";
import { lastJsonLine, runCli } from "./helpers/run-cli.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/**
 * A hand-made run as of 2025-06-01 (horizon 90 days: churn in (06-01, 08-30] counts), customers A–F by falling
 * probability, A–C in the at-risk cohort; G had churned before the run and is left out.
 */
const CUSTOMERS = [
  { id: "A", p: 0.9, atRisk: true, churn: "2025-07-01", mrr: 100, segment: "SMB", plan: "Pro" },
  { id: "B", p: 0.8, atRisk: true, churn: "", mrr: 200, segment: "SMB", plan: "Pro" },
  { id: "C", p: 0.6, atRisk: true, churn: "2025-08-30", mrr: 300, segment: "Enterprise", plan: "Pro" },
  { id: "D", p: 0.3, atRisk: false, churn: "2025-08-31", mrr: 50, segment: "Enterprise", plan: "Basic" },
  { id: "E", p: 0.2, atRisk: false, churn: "2025-07-15", mrr: 400, segment: "SMB", plan: "Basic" },
  { id: "F", p: 0.1, atRisk: false, churn: "", mrr: 100, segment: "Enterprise", plan: "Basic" },
  { id: "G", p: 0.5, atRisk: true, churn: "2025-05-01", mrr: 999, segment: "SMB", plan: "Pro" },
];

describe.each(testDialects())("realised outcomes of risk runs on %s", (dialect) => {
  let t: TestDatabase;
  const runs: Record<string, number> = {};

  async function run(asOf: string): Promise<number> {
    const ids = await loadIdMap(t.db, "customers");
    const runId = await startRiskRun(t.db, { asOf: new Date(`${asOf}T00:00:00Z`), modelVersion: "hand", rule: "{}" });
    await insertRiskScores(
      t.db,
      runId,
      CUSTOMERS.map((c) => ({
        customerId: ids.get(c.id)!,
        probability: c.p,
        band: c.atRisk ? "high" : "low",
        atRisk: c.atRisk,
        mrr: c.mrr,
        drivers: "[]",
        previous: null,
        change: "new",
      })),
    );
    await completeRiskRun(t.db, runId, { scored: CUSTOMERS.length, atRisk: 3, durationMs: 1 });
    return runId;
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const f = createFactories(t.db);
    await f.customers(
      ...CUSTOMERS.map((c) => ({
        customer_id: c.id,
        churn_date: c.churn,
        mrr: c.mrr,
        segment: c.segment,
        plan: c.plan,
      })),
    );
    // The data reaches 2025-12-31: 2025-10-02 + 90 days exactly, one day short for 2025-10-03.
    const usage = await ingestRecords({
      db: t.db,
      kind: "usage",
      records: [{ customer_id: "F", date: "2025-12-31", metric: "logins", value: 1 }],
    });
    expect(usage.rejected).toBe(0);
    for (const asOf of ["2025-06-01", "2025-10-02", "2025-10-03"]) runs[asOf] = await run(asOf);
  });
  afterAll(() => t.drop());

  it("measures a run whose horizon has passed against a hand computation, and leaves later runs pending", async () => {
    const refreshed = await refreshRunOutcomes({ db: t.db });
    expect(refreshed.measured.map((m) => m.asOf)).toEqual(["2025-06-01", "2025-10-02"]);
    expect(refreshed.pending).toEqual([{ runId: runs["2025-10-03"], asOf: "2025-10-03", measurableOn: "2026-01-01" }]);

    const health = await loadModelHealth({ db: t.db, psiThreshold: 0.2 });
    const june = health.runs.find((r) => r.asOf === "2025-06-01")!;
    expect(june.status).toBe("measured");
    const o = june.outcome!.overall;
    // G (churned before the run) is out; A, C, E churned within the horizon; D one day after it.
    expect(o.rows).toBe(6);
    expect(o.churned).toBe(3);
    // Pairs (churner above stayer): 0.9 beats 3, 0.6 beats 2, 0.2 beats 1 → 6 of 9.
    expect(o.auc).toBeCloseTo(6 / 9, 12);
    // (0.1² + 0.8² + 0.4² + 0.3² + 0.8² + 0.1²) / 6
    expect(o.brier).toBeCloseTo(1.55 / 6, 12);
    // Churners found at ranks 1, 3 and 5: (1 + 2/3 + 3/5) / 3.
    expect(o.prAuc).toBeCloseTo((1 + 2 / 3 + 3 / 5) / 3, 12);
    expect(o.atRisk).toEqual({ flagged: 3, caught: 2, precision: 2 / 3, recall: 2 / 3 });
    expect(o.mrr).toEqual({ churned: 800, caught: 400 });
    const tenth = (p: number) => o.calibration[Math.floor(p * 10)];
    expect(tenth(0.9)).toMatchObject({ count: 1, meanPredicted: 0.9, observedRate: 1 });
    expect(tenth(0.3)).toMatchObject({ count: 1, observedRate: 0 });
    expect(o.calibration.reduce((s, b) => s + b.count, 0)).toBe(6);

    const smb = june.outcome!.bySegment.find((g) => g.key === "SMB")!.scores;
    // A (0.9, churned), B (0.8, stayed), E (0.2, churned): 1 of 2 pairs.
    expect(smb).toMatchObject({ rows: 3, churned: 2, auc: 0.5, mrr: { churned: 500, caught: 100 } });
    expect(smb.atRisk).toMatchObject({ flagged: 2, caught: 1, precision: 0.5, recall: 0.5 });
    const basic = june.outcome!.byPlan.find((g) => g.key === "Basic")!.scores;
    // D (0.3, stayed), E (0.2, churned), F (0.1, stayed): E beats F only.
    expect(basic).toMatchObject({ rows: 3, churned: 1, auc: 0.5, atRisk: { flagged: 0, caught: 0, recall: 0 } });

    const pending = health.runs.find((r) => r.asOf === "2025-10-03")!;
    expect(pending).toMatchObject({ status: "pending", outcome: null, measurableOn: "2026-01-01" });
    expect(health.versions).toEqual([
      expect.objectContaining({ version: "hand", runs: 3, measured: 2, meanAuc: expect.closeTo(6 / 9, 12) }),
    ]);
    // The 2025-10-02 run holds only B and F (the others had churned): B flagged, nobody churned.
    expect(health.versions[0].atRisk).toEqual({ flagged: 4, caught: 2, precision: 0.5, recall: 2 / 3 });
  });

  it("measures each run once, and drops the outcome of a run replaced by a later run of its date", async () => {
    expect((await refreshRunOutcomes({ db: t.db })).measured).toEqual([]);
    const replaced = runs["2025-06-01"];
    runs["2025-06-01"] = await run("2025-06-01");
    const again = await refreshRunOutcomes({ db: t.db });
    expect(again.measured).toEqual([{ runId: runs["2025-06-01"], asOf: "2025-06-01" }]);
    const left = await t.db.sql.all<{ run_id: number }>("SELECT run_id FROM run_outcomes ORDER BY run_id");
    expect(left.map((r) => Number(r.run_id))).not.toContain(replaced);
    expect(left).toHaveLength(2);
  });

  it("`retain monitor --json` lists measured and pending runs; the text lists the pending run's date", async () => {
    const json = await runCli(["monitor", "--json"], t.env);
    expect(json.code, json.stderr).toBe(0);
    const health = lastJsonLine(json.stdout);
    expect(health.runs.map((r: { asOf: string; status: string }) => [r.asOf, r.status])).toEqual([
      ["2025-06-01", "measured"],
      ["2025-10-02", "measured"],
      ["2025-10-03", "pending"],
    ]);
    expect(health.runs[0].outcome.overall.auc).toBeCloseTo(6 / 9, 12);
    expect(health.runs[2].outcome).toBeNull();
    const text = await runCli(["monitor"], t.env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/2025-10-03\s+hand\s+pending until 2026-01-01/);
    expect(text.stdout).toMatch(
      /2025-06-01\s+hand\s+measured\s+6\s+3\s+0\.667\s+0\.756\s+0\.2583\s+66\.7 %\s+66\.7 %\s+\$400\.00\s+\$800\.00/,
    );
    expect(text.stdout).toContain("by segment");
  });
});
