/**
 * Training benchmark: point-in-time features at every as-of date plus model training on a
 * demo world of 20,000 customers over 18 months (540 days). Target: under 2 minutes on 2 cores.
 * Also checks the chosen model beats logistic regression on the same features.
 *   npm run bench:train [-- --customers 20000 --days 540]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { trainFromDatabase } from "../src/model/index.ts";
import { demoDatabase, peakRssMb, seconds } from "./lib/demo-database.ts";

const { values } = parseArgs({ options: { customers: { type: "string", default: "20000" }, days: { type: "string", default: "540" } } });
const { db, usageRows } = await demoDatabase({ customers: Number(values.customers), days: Number(values.days) });
const modelsDir = mkdtempSync(join(tmpdir(), "retain-bench-models-"));
console.log(`Retain training benchmark: ${values.customers} customers × ${values.days} days, ${usageRows.toLocaleString("en")} usage rows (SQLite)`);
const started = performance.now();
let framesDone = 0;
let framesSeconds = "";
const report = await trainFromDatabase({
  db,
  modelsDir,
  onFrame: (asOf) => {
    framesDone++;
    framesSeconds = seconds(started);
    process.stderr.write(`  features as of ${asOf} (${framesSeconds} s)\n`);
  },
});
const total = seconds(started);
console.log(`features: ${framesDone} as-of dates, ${report.rows.train + report.rows.validation} rows, ${framesSeconds} s`);
console.log(`training: ${(Number(total) - Number(framesSeconds)).toFixed(1)} s (${report.kind} chosen)`);
console.log(`total: ${total} s (target < 120 s)   peak RSS ${peakRssMb()} MB`);
const lr = report.candidates.find((c) => c.name === "lr");
console.log(`validation AUC: ${report.metrics.auc.toFixed(4)} (chosen) vs ${lr?.valAuc.toFixed(4)} (logistic regression), naive ${report.metrics.baseline.auc.toFixed(4)}`);
console.log(`candidates: ${report.candidates.map((c) => `${c.name} ${c.valAuc.toFixed(4)}`).join(", ")}; PR-AUC ${report.metrics.prAuc.toFixed(4)}, lift@10% ${report.metrics.lift10.toFixed(2)}, Brier ${report.metrics.brier.toFixed(4)}`);
await db.close();
rmSync(modelsDir, { recursive: true, force: true });
