/**
 * Training benchmark: point-in-time snapshots at every weekly as-of date (one pass) plus model
 * choice and refit on a demo world of 20,000 customers over 18 months (540 days). Target: under
 * 30 s on 2 cores. Prints each stage's time, peak memory, and every candidate on the untouched
 * test window (the chosen model must beat logistic regression there).
 *   npm run bench:train [-- --customers 20000 --days 540 --budget 30 --candidates core|all]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultCandidates, extraCandidates, trainFromDatabase } from "../src/model/index.ts";
import { demoDatabase, peakRssMb, seconds } from "./lib/demo-database.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "20000" },
    days: { type: "string", default: "540" },
    budget: { type: "string" },
    candidates: { type: "string", default: "core" },
  },
});
const { db, usageRows } = await demoDatabase({ customers: Number(values.customers), days: Number(values.days) });
const modelsDir = mkdtempSync(join(tmpdir(), "retain-bench-models-"));
console.log(
  `Retain training benchmark: ${values.customers} customers × ${values.days} days, ${usageRows.toLocaleString("en")} usage rows (SQLite)`,
);
const started = performance.now();
const report = await trainFromDatabase({
  db,
  modelsDir,
  budgetSeconds: values.budget ? Number(values.budget) : undefined,
  candidates: values.candidates === "all" ? [...defaultCandidates, ...extraCandidates] : defaultCandidates,
  onStage: (s) => process.stderr.write(`  ${s.stage}: ${s.seconds.toFixed(1)} s\n`),
});
const total = seconds(started);
console.log(`total: ${total} s (target < 30 s)   peak RSS ${peakRssMb()} MB`);
for (const s of report.stages) console.log(`  ${s.stage.padEnd(36)} ${s.seconds.toFixed(2).padStart(7)} s`);
const { rows, asOf } = report;
console.log(
  `rows: train ${rows.train} (${asOf.train.length} dates), validation ${rows.validation} ` +
    `(${asOf.validation.length}), test ${rows.test} (${asOf.test.length}), refit ${rows.refit} ` +
    `(${asOf.refit.length}); customers sampled ${Math.round(report.customerSample * 100)}%`,
);
console.log(
  `chosen ${report.chosen}: validation AUC ${report.metrics.auc.toFixed(4)}, test AUC ` +
    `${report.test.auc.toFixed(4)} (naive ${report.test.baseline.auc.toFixed(4)}), PR-AUC ` +
    `${report.test.prAuc.toFixed(4)}, Brier ${report.test.brier.toFixed(4)}`,
);
console.log("candidates (validation / test AUC, fit time):");
for (const c of report.candidates)
  console.log(
    `  ${c.name.padEnd(14)} ` +
      `${c.skipped ? `skipped: ${c.skipped}` : `${c.valAuc.toFixed(4)} / ${c.testAuc?.toFixed(4) ?? "–"}  ${c.seconds?.toFixed(1)} s`}`,
  );
await db.close();
rmSync(modelsDir, { recursive: true, force: true });
