/**
 * KPI benchmark: times each KPI query (and the whole report), cold and warm, and prints its
 * wall and CPU time and the peak memory so far. Target: each query under 300 ms cold and the
 * whole report under 1 s on SQLite with 100,000 customers and a year of data.
 *   node bin/run-ts.mjs bench/kpi.bench.ts [--db file:PATH|postgres://…] [--period 2026-10] [--now 2026-11-01] [--runs 1]
 * Without --db: the cached 100,000-customer, 365-day demo world of the other benchmarks
 * ($TMPDIR/retain-bench, built on first use). Any other database: migrated first
 * (`npx retain db migrate`), e.g. from `retain demo-data --out DIR --end 2026-11-01` imported.
 * Without a complete risk run in the period, it inserts `--runs` fake ones (15% of customers at risk).
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { assertMigrated, openDatabase, type Database } from "../src/db/index.ts";
import { listFeatureCustomers } from "../src/db/repositories/feature-sources.ts";
import * as q from "../src/db/repositories/kpi/index.ts";
import { demoDatabase } from "./lib/demo-database.ts";
import { completeRiskRun, insertRiskScores, listRiskRuns, startRiskRun } from "../src/db/repositories/risk-runs.ts";
import { buildKpiReport, parseKpiOptions, previousPeriod, type KpiOptions } from "../src/kpi/index.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    period: { type: "string" },
    now: { type: "string", default: "2026-11-01" },
    runs: { type: "string", default: "1" },
    by: { type: "string" },
  },
});
const DAY = 86_400_000;

/** Inserts `runs` complete fake runs spread over the period, unless one exists there. */
async function ensureRiskRuns(db: Database, options: KpiOptions, runs: number): Promise<void> {
  const existing = (await listRiskRuns(db, 1000)).filter(
    (r) => r.asOf.getTime() >= options.period.fromMs && r.asOf.getTime() < options.period.toMs,
  );
  if (existing.length) return console.log(`risk runs in the period: ${existing.length} (kept)`);
  for (let i = 0; i < runs; i++) {
    const asOfMs =
      options.period.fromMs +
      Math.floor(((i + 0.5) * (options.period.toMs - options.period.fromMs)) / runs / DAY) * DAY;
    const customers = await listFeatureCustomers(db, { fromDay: asOfMs / DAY, toDay: asOfMs / DAY });
    const started = performance.now();
    const runId = await startRiskRun(db, {
      asOf: new Date(asOfMs),
      modelVersion: "bench-fake",
      rule: JSON.stringify({ kind: "top_percent", value: 15 }),
    });
    const scores = customers.map((c) => {
      const probability = ((c.id * 2654435761 + i * 97) % 1000) / 1000;
      return {
        customerId: c.id,
        probability,
        band: probability >= 0.85 ? "high" : probability >= 0.5 ? "medium" : "low",
        atRisk: probability >= 0.85,
        mrr: c.mrr,
        drivers: "[]",
        previous: null,
        change: "new",
      };
    });
    await insertRiskScores(db, runId, scores);
    await completeRiskRun(db, runId, {
      scored: scores.length,
      atRisk: scores.filter((s) => s.atRisk).length,
      durationMs: performance.now() - started,
    });
    console.log(
      `inserted fake risk run ${new Date(asOfMs).toISOString().slice(0, 10)}: ${scores.length} scored, ` +
        `${scores.filter((s) => s.atRisk).length} at risk`,
    );
  }
}

/**
 * Runs a query twice on a database opened for it: the first run is cold (a new connection and
 * report thread with an empty page cache, like one CLI call or the first page after a start),
 * the second warm (like the server). Wall time and process CPU time (every thread), since on
 * a busy machine the wall time mostly measures the wait for a core.
 */
async function time(
  label: string,
  fn: (db: Database) => Promise<unknown>,
  options: { composite?: boolean; limitMs?: number } = {},
): Promise<void> {
  const { composite = false, limitMs = composite ? 1000 : 300 } = options;
  const heapBefore = process.memoryUsage().heapUsed;
  const runs: { wall: number; cpu: number }[] = [];
  let result: unknown;
  const fresh = openDatabase(config);
  try {
    for (let i = 0; i < 2; i++) {
      const [started, cpu] = [performance.now(), process.cpuUsage()];
      result = await fn(fresh);
      const used = process.cpuUsage(cpu);
      runs.push({ wall: performance.now() - started, cpu: (used.user + used.system) / 1000 });
    }
  } finally {
    await fresh.close();
  }
  const rows = Array.isArray(result) ? `${result.length} rows` : "";
  const rss = process.resourceUsage().maxRSS / 1024;
  const heap = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;
  const [cold, warm] = runs;
  const over = cold.wall > limitMs ? `  ✗ over ${limitMs} ms cold` : "";
  console.log(
    `${label.padEnd(38)} ${ms(cold.wall)} ${ms(cold.cpu)} ${ms(warm.wall)} ${ms(warm.cpu)}  ` +
      `${rows.padStart(10)}  heap +${heap.toFixed(1).padStart(5)} MB  peak RSS ${rss.toFixed(0)} ` +
      `MB${over}`,
  );
}

const world = values.db ? null : await demoDatabase({ customers: 100_000, days: 365 });
const databaseUrl = values.db ?? `file:${world!.dir}/retain.db`;
const config = {
  ...loadConfig(),
  dialect: databaseUrl.startsWith("file:") ? ("sqlite" as const) : ("postgres" as const),
  databaseUrl,
};
const db = world?.db ?? openDatabase(config);
try {
  await assertMigrated(db);
  const options = parseKpiOptions({ period: values.period, now: values.now, by: values.by });
  await ensureRiskRuns(db, options, Number(values.runs));
  const [{ n: customers }] = await db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM customers");
  const [{ n: tickets }] = await db.sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM tickets");
  console.log(
    `Retain KPI benchmark: ${config.dialect}, ${customers.toLocaleString("en")} customers, ` +
      `${tickets.toLocaleString("en")} tickets, period ${options.period.label}, now ${values.now}; ` +
      `node ${process.version}`,
  );
  console.log(
    `${"query".padEnd(38)} ${"cold".padStart(9)} ${"cold CPU".padStart(9)} ${"warm".padStart(9)} ${"warm CPU".padStart(9)}`,
  );
  const range = { fromMs: options.period.fromMs, toMs: options.period.toMs };
  const base = { ...range, nowMs: options.nowMs, windowDays: options.windowDays };
  await time("customers (S, E, N, churn, MRR)", (db) => q.countCustomers(db, range));
  await time("customers by plan", (db) => q.countCustomers(db, { ...range, group: "plan" }));
  await time("survey answers", (db) => q.countSurveyAnswers(db, range));
  await time("survey answers by segment", (db) => q.countSurveyAnswers(db, { ...range, group: "segment" }));
  const previous = previousPeriod(options.period);
  await time("tickets by channel (counts, durations)", (db) => q.ticketStats(db, { ...range, group: "channel" }));
  await time("tickets by agent", (db) => q.ticketStats(db, { ...range, group: "agent" }));
  await time("tickets of the previous period", (db) =>
    q.ticketStats(db, { fromMs: previous.fromMs, toMs: previous.toMs, group: "channel" }),
  );
  await time("CRR outcomes", (db) => q.crrOutcomes(db, base));
  await time("CRR outcomes by agent", (db) => q.crrOutcomes(db, { ...base, group: "agent" }));
  await time("retention by resolution time, channel", (db) => q.supportOutcomes(db, base));
  await time("agents by retention", (db) => q.agentOutcomes(db, base));
  await time("at-risk with open tickets", (db) => q.atRiskOpenTickets(db, { nowMs: options.nowMs, limit: 20 }));
  await time("at-risk with open tickets, previous end", (db) =>
    q.atRiskOpenTickets(db, { nowMs: previous.toMs, limit: 20 }),
  );
  await time("latest complete run", (db) => q.latestCompleteRun(db, options.nowMs));
  await time("whole report (all of the above, once)", (db) => buildKpiReport(db, options), { composite: true });
  await time("whole report --by month", (db) => buildKpiReport(db, { ...options, by: "month" }), {
    composite: true,
    limitMs: Infinity,
  });
} finally {
  await db.close();
}
