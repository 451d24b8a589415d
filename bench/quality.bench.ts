/**
 * Model quality benchmark on the public churn datasets in shared/datasets: per dataset a stratified
 * 80/20 split (seed 42) is written to temporary CSVs, trainFromCsv trains on the 80 with the 20 as
 * evalFile, and test ROC-AUC, PR-AUC and top-decile lift are printed beside the required targets.
 * Each dataset runs in its own process so peak memory is per dataset. Then a synthetic
 * 360k × 60 table measures training speed.
 *   npm run bench:quality [-- --only telco,bank_churn_modelling] [-- --no-speed]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { qualityDatasets, runQualityCase, runSpeedCase, type QualityResult } from "./lib/quality-cases.ts";

const { values } = parseArgs({
  options: { only: { type: "string" }, case: { type: "string" }, "no-speed": { type: "boolean", default: false } },
});
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

if (values.case) {
  // Child mode: run one case, print its result as JSON on the last line.
  const result = values.case === "speed" ? await runSpeedCase() : await runQualityCase(values.case);
  console.log(JSON.stringify(result));
  process.exit(0);
}

const datasetsDir = resolve(root, "../shared/datasets");
const names = values.only ? values.only.split(",") : qualityDatasets.map((d) => d.name);
const results: QualityResult[] = [];
console.log(`Retain model quality benchmark (stratified 80/20 split, seed 42; datasets in ${datasetsDir})`);
for (const name of [...names, ...(values["no-speed"] ? [] : ["speed"])]) {
  if (name !== "speed" && !existsSync(join(datasetsDir, `${name}.csv`))) {
    console.log(`  ${name}: dataset file missing, skipped`);
    continue;
  }
  const out = execFileSync(
    process.execPath,
    [join(root, "bin/run-ts.mjs"), fileURLToPath(import.meta.url), "--case", name],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 << 20 },
  );
  const result = JSON.parse(out.trim().split("\n").at(-1)!) as QualityResult;
  results.push(result);
  const f = (v: number | undefined, d = 3) => (v === undefined ? "–" : v.toFixed(d));
  const verdict = result.target === undefined ? "" : result.auc >= result.target ? "PASS" : "MISS";
  console.log(
    `  ${result.name.padEnd(22)} rows ` +
      `${String(result.trainRows).padStart(6)}+${String(result.testRows).padStart(5)}  AUC ` +
      `${f(result.auc)} (target ≥ ${f(result.target)}, ref ${result.reference ?? "–"})  ` +
      `PR-AUC ${f(result.prAuc)}  lift10 ${f(result.lift10, 2)}  kind ${result.kind}  ` +
      `${f(result.seconds, 1)} s (cpu ${f(result.cpuSeconds, 1)} s)  ` +
      `peak ${result.peakMb.toFixed(0)} MB  ${result.cellsPerSecond.toExponential(2)} row·features/s  ${verdict}`,
  );
}
const missed = results.filter((r) => r.target !== undefined && r.auc < r.target);
console.log(
  missed.length === 0 ? "All quality targets met." : `Targets missed: ${missed.map((r) => r.name).join(", ")}`,
);
process.exitCode = missed.length === 0 ? 0 : 1;
