/**
 * Scoring benchmark: features + scoring + writing a risk run for 100,000 customers with a
 * year of daily usage, on SQLite, drivers included. Target: under 30 s on 2 cores. The demo world and a model
 * are set up first (cached between runs) and not timed.
 *   npm run bench:score [-- --customers 100000 --days 365]
 */
import { parseArgs } from "node:util";
import { usageSpan } from "../src/db/repositories/feature-aggregates.ts";
import { scoreCustomers } from "../src/scoring/index.ts";
import { demoDatabase, ensureActiveModel, peakRssMb, seconds } from "./lib/demo-database.ts";

const { values } = parseArgs({
  options: { customers: { type: "string", default: "100000" }, days: { type: "string", default: "365" } },
});
const { db, dir, usageRows } = await demoDatabase({ customers: Number(values.customers), days: Number(values.days) });
console.log(
  `Retain scoring benchmark: ${values.customers} customers × ${values.days} days, ${usageRows.toLocaleString("en")} usage rows (SQLite)`,
);
await ensureActiveModel(db, dir);
const { last } = await usageSpan(db);
const phases: Record<string, number> = {};
let phase = "";
let phaseStart = performance.now();
const started = performance.now();
const result = await scoreCustomers({
  db,
  asOfDay: last! + 1,
  onProgress: (p) => {
    if (p.phase !== phase) {
      if (phase) phases[phase] = (performance.now() - phaseStart) / 1000;
      phase = p.phase;
      phaseStart = performance.now();
    }
  },
});
phases[phase] = (performance.now() - phaseStart) / 1000;
console.log(
  `scored ${result.scored.toLocaleString("en")} customers, ${result.atRisk.toLocaleString("en")} ` +
    `at risk, in ${seconds(started)} s (target < 30 s)`,
);
console.log(
  `  ${Object.entries(phases)
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(", ")}   peak RSS ${peakRssMb()} MB`,
);
await db.close();
