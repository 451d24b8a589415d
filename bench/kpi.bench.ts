/**
 * KPI benchmark: times each KPI query (and the whole report) on an existing database and
 * prints its time and the peak memory so far. Target: each query under 1 s on SQLite with
 * 100,000 customers and a year of data.
 *   node bin/run-ts.mjs bench/kpi.bench.ts [--db file:PATH] [--period 2026-10] [--now 2026-11-01] [--runs 1]
 * Make a database: node bin/retain.mjs demo-data --out /tmp/w --customers 20000 --days 365 --seed 1 --end 2026-11-01
 * then RETAIN_DATA_DIR=/tmp/wdb node bin/retain.mjs db migrate && RETAIN_DATA_DIR=/tmp/wdb node bin/retain.mjs import /tmp/w.
 * Without a complete risk run in the period, it inserts `--runs` fake ones (15% of customers at risk).
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { assertMigrated, openDatabase, type Database } from "../src/db/index.ts";
import { listFeatureCustomers } from "../src/db/repositories/feature-sources.ts";
import * as q from "../src/db/repositories/kpi/index.ts";
import { completeRiskRun, insertRiskScores, listRiskRuns, startRiskRun } from "../src/db/repositories/risk-runs.ts";
import { buildKpiReport, parseKpiOptions, type KpiOptions } from "../src/kpi/index.ts";

const { values } = parseArgs({
  options: { db: { type: "string" }, period: { type: "string" }, now: { type: "string", default: "2026-11-01" }, runs: { type: "string", default: "1" }, by: { type: "string" } },
});
const DAY = 86_400_000;

/** Inserts `runs` complete fake runs spread over the period, unless one exists there. */
async function ensureRiskRuns(db: Database, options: KpiOptions, runs: number): Promise<void> {
  const existing = (await listRiskRuns(db, 1000)).filter((r) => r.asOf.getTime() >= options.period.fromMs && r.asOf.getTime() < options.period.toMs);
  if (existing.length) return console.log(`risk runs in the period: ${existing.length} (kept)`);
  for (let i = 0; i < runs; i++) {
    const asOfMs = options.period.fromMs + Math.floor(((i + 0.5) * (options.period.toMs - options.period.fromMs)) / runs / DAY) * DAY;
    const customers = await listFeatureCustomers(db, { fromDay: asOfMs / DAY, toDay: asOfMs / DAY });
    const started = performance.now();
    const runId = await startRiskRun(db, { asOf: new Date(asOfMs), modelVersion: "bench-fake", rule: JSON.stringify({ kind: "top_percent", value: 15 }) });
    const scores = customers.map((c) => {
      const probability = ((c.id * 2654435761 + i * 97) % 1000) / 1000;
      return { customerId: c.id, probability, band: probability >= 0.85 ? "high" : probability >= 0.5 ? "medium" : "low", atRisk: probability >= 0.85, mrr: c.mrr, drivers: "[]", previous: null, change: "new" };
    });
    await insertRiskScores(db, runId, scores);
    await completeRiskRun(db, runId, { scored: scores.length, atRisk: scores.filter((s) => s.atRisk).length, durationMs: performance.now() - started });
    console.log(`inserted fake risk run ${new Date(asOfMs).toISOString().slice(0, 10)}: ${scores.length} scored, ${scores.filter((s) => s.atRisk).length} at risk`);
  }
}

/** Runs a query twice: the first run reads pages into a cold connection cache (like one CLI call), the second is warm (like the server). */
async function time(label: string, fn: () => Promise<unknown>, options: { composite?: boolean } = {}): Promise<void> {
  const heapBefore = process.memoryUsage().heapUsed;
  const runs: number[] = [];
  let result: unknown;
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    result = await fn();
    runs.push(performance.now() - started);
  }
  const rows = Array.isArray(result) ? `${result.length} rows` : "";
  const rss = process.resourceUsage().maxRSS / 1024;
  const heap = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const [cold, warm] = runs.map((ms) => `${ms.toFixed(0).padStart(6)} ms`);
  console.log(`${label.padEnd(38)} ${cold} ${warm}  ${rows.padStart(9)}  heap +${heap.toFixed(1).padStart(4)} MB  peak RSS ${rss.toFixed(0)} MB${!options.composite && Math.min(...runs) > 1000 ? "  ✗ over 1 s" : ""}`);
}

const config = { ...loadConfig(), ...(values.db ? { dialect: values.db.startsWith("file:") ? ("sqlite" as const) : ("postgres" as const), databaseUrl: values.db } : {}) };
const db = openDatabase(config);
try {
  await assertMigrated(db);
  const options = parseKpiOptions({ period: values.period, now: values.now, by: values.by });
  await ensureRiskRuns(db, options, Number(values.runs));
  const [{ n: customers }] = await db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM customers");
  const [{ n: tickets }] = await db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM tickets");
  console.log(`Retain KPI benchmark: ${config.dialect}, ${customers.toLocaleString("en")} customers, ${tickets.toLocaleString("en")} tickets, period ${options.period.label}, now ${values.now}; node ${process.version}`);
  console.log(`${"query".padEnd(38)} ${"first".padStart(9)} ${"again".padStart(9)}`);
  const range = { fromMs: options.period.fromMs, toMs: options.period.toMs };
  const base = { ...range, nowMs: options.nowMs, windowDays: options.windowDays };
  await time("customers (S, E, N, churn, MRR)", () => q.countCustomers(db, range));
  await time("customers by plan", () => q.countCustomers(db, { ...range, group: "plan" }));
  await time("survey answers", () => q.countSurveyAnswers(db, range));
  await time("survey answers by segment", () => q.countSurveyAnswers(db, { ...range, group: "segment" }));
  await time("ticket stats by channel", () => q.ticketStats(db, { ...range, group: "channel" }));
  await time("ticket stats by agent", () => q.ticketStats(db, { ...range, group: "agent" }));
  await time("ticket durations (median, mean)", () => q.ticketDurations(db, range));
  await time("ticket durations by agent", () => q.ticketDurations(db, { ...range, group: "agent" }));
  await time("CRR outcomes", () => q.crrOutcomes(db, base));
  await time("CRR outcomes by agent", () => q.crrOutcomes(db, { ...base, group: "agent" }));
  await time("retention by resolution time, channel", () => q.supportOutcomes(db, base));
  await time("agents by retention", () => q.agentOutcomes(db, base));
  await time("at-risk with open tickets", () => q.atRiskOpenTickets(db, { nowMs: options.nowMs, limit: 20 }));
  await time("latest complete run", () => q.latestCompleteRun(db, options.nowMs));
  await time("whole report (all of the above, once)", () => buildKpiReport(db, options), { composite: true });
  await time("whole report --by month", () => buildKpiReport(db, { ...options, by: "month" }), { composite: true });
} finally {
  await db.close();
}
