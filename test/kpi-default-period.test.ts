import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKpiReport, parseKpiOptions, type KpiOptionsInput } from "../src/kpi/index.ts";
import { createFactories } from "./helpers/factories.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

/**
 * now = 2026-06-20, W = 30. The latest complete run is as of 2026-06-10 (C1, C2 at risk), after
 * the last full month (May, which has no run); C1's ticket closed 06-12 (window ends 07-12).
 * A default period that misses the run runs on through the day of now.
 */
async function seedWorld(t: TestDatabase): Promise<void> {
  const f = createFactories(t.db);
  await f.customers({ customer_id: "C1" }, { customer_id: "C2" }, { customer_id: "C3" });
  await f.tickets({ customer_id: "C1", closed_at: "2026-06-12T08:00:00Z" });
  await f.riskRun({ asOf: "2026-04-15", atRisk: [], notAtRisk: ["C3"] });
  await f.riskRun({ asOf: "2026-06-10", atRisk: ["C1", "C2"], notAtRisk: ["C3"] });
}

describe.each(testDialects())("KPI default period and CRR pending reason on %s", (dialect) => {
  let t: TestDatabase;
  const report = (input: KpiOptionsInput) =>
    buildKpiReport(t.db, parseKpiOptions({ now: "2026-06-20", windowDays: "30", ...input }));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedWorld(t);
  });
  afterAll(() => t?.drop());

  it("the default period runs on to the latest risk run, whose at-risk customers are the cohort", async () => {
    const r = await report({});
    expect(r.period).toMatchObject({
      label: "2026-05-01..2026-06-20",
      firstDay: "2026-05-01",
      lastDay: "2026-06-20",
      days: 51,
    });
    expect(r.crr).toMatchObject({ denominator: 2, pending: 1, noInteraction: 1, numerator: 0 });
    expect(r.crrPendingReason).toBe("the 30-day windows of this period's at-risk customers end on 2026-07-12");
  });

  it("a caller's default period is extended the same way; an asked-for period never is", async () => {
    expect((await report({ defaultPeriod: "2026-Q2" })).period.label).toBe("2026-Q2");
    expect((await report({ defaultPeriod: "2026-03" })).period.label).toBe("2026-03-01..2026-06-20");
    const asked = await report({ period: "2026-05" });
    expect(asked.period.label).toBe("2026-05");
    expect(asked.crr.denominator).toBe(0);
    expect(asked.crrPendingReason).toBe(
      "no complete risk run is dated in this period (the latest is as of 2026-06-10), so no customer is at risk in it",
    );
  });

  it("says when the period's runs flagged nobody, and nothing once a window has ended", async () => {
    expect((await report({ period: "2026-04" })).crrPendingReason).toBe(
      "no customer was at risk in this period's risk run",
    );
    const later = await report({ period: "2026-06", now: "2026-08-01" });
    expect(later.crr).toMatchObject({ denominator: 2, numerator: 1 });
    expect(later.crrPendingReason).toBeNull();
  });
});
