import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../src/auth/index.ts";
import { buildKpiReport, parseKpiOptions, type KpiOptionsInput } from "../src/kpi/index.ts";
import { createApp } from "../src/server/index.ts";
import { runCli } from "./helpers/run-cli.ts";
import { serveApp } from "./helpers/serve-app.ts";
import { seedSupportWorld } from "./helpers/support-world.ts";
import { createTestDatabase, testDialects, type TestDatabase } from "./helpers/test-database.ts";

const INPUT: KpiOptionsInput = { period: "2026-05", now: "2026-06-20", windowDays: "30" };

describe.each(testDialects())("support KPIs beside the previous period on %s", (dialect) => {
  let t: TestDatabase;
  const report = (input: KpiOptionsInput) => buildKpiReport(t.db, parseKpiOptions(input));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seedSupportWorld(t);
  });
  afterAll(() => t?.drop());

  it("computes the previous period's tickets and at-risk customers waiting, and each change", async () => {
    const { support } = await report(INPUT);
    expect(support.previous).toMatchObject({
      period: { label: "2026-04", firstDay: "2026-04-01", lastDay: "2026-04-30" },
      created: 3,
      resolvedByEnd: 1,
      firstResponse: { n: 3, medianHours: 2 },
      resolution: { n: 2, medianHours: 101 },
      byChannel: { email: 2, chat: 1 },
      // At April's end: the run of 04-20 flagged C1, whose K1 was still open.
      atRiskOpenTickets: { at: "2026-05-01T00:00:00.000Z", runAsOf: "2026-04-20", atRisk: 1, withOpenTickets: 1 },
    });
    expect(support.previous.resolutionRate).toBeCloseTo(100 / 3, 9);
    expect(support.current).toMatchObject({
      period: { label: "2026-05" },
      created: 4,
      resolvedByEnd: 2,
      resolutionRate: 50,
      firstResponse: { n: 3, medianHours: 1 },
      resolution: { n: 3, medianHours: 6 },
      byChannel: { chat: 2, email: 1, web: 1 },
      // At May's end (before now): the run of 05-25 flagged C1 (K5 open) and C3 (K4 open until 06-05).
      atRiskOpenTickets: { at: "2026-06-01T00:00:00.000Z", runAsOf: "2026-05-25", atRisk: 2, withOpenTickets: 2 },
    });
    const c = support.changes;
    expect(c.firstResponseMedianHours).toMatchObject({ difference: -1, percent: -50, verdict: "better" });
    expect(c.resolutionMedianHours).toMatchObject({ difference: -95, verdict: "better" });
    expect(c.resolutionRate.difference).toBeCloseTo(50 - 100 / 3, 9);
    expect(c.resolutionRate.verdict).toBe("better");
    expect(c.created).toMatchObject({ current: 4, previous: 3, difference: 1, verdict: null });
    expect(Object.keys(c.byChannel)).toEqual(["chat", "email", "web"]);
    expect(c.byChannel.web).toMatchObject({ current: 1, previous: 0, percent: null });
    expect(c.atRiskWithOpenTickets).toMatchObject({ current: 2, previous: 1, verdict: "worse" });
  });

  it("lists each at-risk customer waiting now with their open tickets at the previous period's end", async () => {
    const { analyses, support } = await report(INPUT);
    // Now (06-20): of the run of 05-25, C1 still waits on K5; C3's K4 was resolved 06-05.
    expect(analyses.atRiskOpenTickets.customers.map((x) => [x.customerId, x.openTickets])).toEqual([["C1", 1]]);
    expect(support.previousOpenTickets).toEqual({ C1: 1 }); // K1, open on 05-01
  });

  it("a period running on to now takes its at-risk figure now, the one the analyses list", async () => {
    const { support, analyses } = await report({ ...INPUT, period: "2026-06-01..2026-06-20" });
    expect(support.current.atRiskOpenTickets).toMatchObject({ at: "2026-06-20T00:00:00.000Z", withOpenTickets: 1 });
    expect(analyses.atRiskOpenTickets.withOpenTickets).toBe(1);
    expect(support.previous.period).toEqual({
      label: "2026-05-12..2026-05-31",
      firstDay: "2026-05-12",
      lastDay: "2026-05-31",
    });
    expect(support.previous).toMatchObject({ created: 3, byChannel: { email: 1, chat: 1, web: 1 } }); // K4, K5, K7
  });

  it("is in the API's KPI report and in `retain kpi`", async () => {
    const { key } = await createApiKey(t.db, { role: "viewer" });
    const server = await serveApp(createApp({ db: t.db, config: t.config }));
    try {
      const res = await fetch(`${server.url}/api/v1/kpis?period=2026-05&now=2026-06-20&windowDays=30`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body.support.previous.period.label).toBe("2026-04");
      expect(body.support.changes.atRiskWithOpenTickets).toMatchObject({ current: 2, previous: 1 });
      expect(body.tickets.created).toBe(4); // the existing fields stay
    } finally {
      await server.close();
    }
    const cli = await runCli(["kpi", "--period", "2026-05", "--now", "2026-06-20", "--window-days", "30"], t.env);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(
      "Support KPIs: 2026-05 beside the previous period, 2026-04 (2026-04-01 to 2026-04-30)",
    );
    expect(cli.stdout).toMatch(/First response, median\s+1\.0 h\s+2\.0 h\s+▼ 1\.0 h shorter \(−50\.0 %\), better/);
    expect(cli.stdout).toMatch(
      /At-risk customers with open tickets \(at the end\)\s+2\s+1\s+▲ 1 more \(\+100\.0 %\), worse/,
    );
  });
});
