/**
 * Feature benchmark: point-in-time snapshots in one pass on SQLite demo worlds, each case in a
 * process of its own so its peak memory is its own.
 *   (a) training: 20,000 customers × 540 days, weekly as-of dates from the first usage day + 60
 *       to the last day − 90, every customer. Target: under 6 s (2-core machine).
 *   (b) scoring: 100,000 customers × 365 days, one as-of date (the day after the last usage day).
 *       Target: under 10 s.
 * The worlds are built once and cached under $TMPDIR/retain-bench/ (the 100k world takes minutes).
 *   npm run bench:features [-- --case a|b] [-- --runs 3]
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { usageSpan } from "../src/db/repositories/feature-aggregates.ts";
import { buildFeatureSnapshots, type SnapshotStage } from "../src/features/index.ts";
import { demoDatabase, peakRssMb } from "./lib/demo-database.ts";

const { values } = parseArgs({
  options: { case: { type: "string" }, child: { type: "boolean" }, runs: { type: "string", default: "1" } },
});

const CASES = {
  a: { customers: 20_000, days: 540, target: 6, what: "weekly as-of dates, all customers" },
  b: { customers: 100_000, days: 365, target: 10, what: "one as-of date (the day after the last usage day)" },
} as const;
type CaseName = keyof typeof CASES;

interface CaseResult {
  dates: number;
  rows: number;
  usageRows: number;
  seconds: number;
  cpuSeconds: number;
  stages: Partial<Record<SnapshotStage, number>>;
  peakMb: number;
}

/** Child mode: one build; the world is opened (and built the first time) before the clock starts. */
async function runCase(name: CaseName): Promise<CaseResult> {
  const { customers, days } = CASES[name];
  const { db, usageRows } = await demoDatabase({ customers, days });
  try {
    const span = await usageSpan(db);
    const asOfDays: number[] = [];
    if (name === "a") for (let d = span.first! + 60; d <= span.last! - 90; d += 7) asOfDays.push(d);
    else asOfDays.push(span.last! + 1);
    const stages: CaseResult["stages"] = {};
    const cpu = process.cpuUsage();
    const started = performance.now();
    const frame = await buildFeatureSnapshots({
      db,
      asOfDays,
      dataEndDay: name === "a" ? span.last : null,
      onStage: (stage, ms) => (stages[stage] = ms / 1000),
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return {
      dates: asOfDays.length,
      rows: frame.size,
      usageRows,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      stages,
      peakMb: peakRssMb(),
    };
  } finally {
    await db.close();
  }
}

if (values.child) {
  console.log(JSON.stringify(await runCase(values.case as CaseName)));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const names = (values.case ? [values.case] : Object.keys(CASES)) as CaseName[];
console.log(
  `Retain feature benchmark (SQLite; node ${process.version}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")})`,
);
for (const name of names) {
  const c = CASES[name];
  for (let run = 0; run < Number(values.runs); run++) {
    const out = execFileSync(process.execPath, [join(self, "../../bin/run-ts.mjs"), self, "--child", "--case", name], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    for (const line of out.trim().split("\n").slice(0, -1)) console.log(line); // set-up messages
    const r = JSON.parse(out.trim().split("\n").at(-1)!) as CaseResult;
    const stages = Object.entries(r.stages)
      .map(([s, v]) => `${s} ${v.toFixed(2)}`)
      .join(", ");
    console.log(
      `(${name}) ${c.customers.toLocaleString("en")} customers × ${c.days} days, ${c.what}: ${r.dates} ` +
        `dates, ${r.rows.toLocaleString("en")} rows ` +
        `from ${r.usageRows.toLocaleString("en")} usage rows in ${r.seconds.toFixed(2)} s (target < ` +
        `${c.target} s; CPU ${r.cpuSeconds.toFixed(1)} s)\n` +
        `    stages (s): ${stages}   peak RSS ${r.peakMb} MB`,
    );
  }
}
