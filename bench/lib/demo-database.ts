import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, openDatabase, type Database } from "../../src/db/index.ts";
import { findActiveModelVersion } from "../../src/db/repositories/model-versions.ts";
import { listMetricNames } from "../../src/db/repositories/feature-aggregates.ts";
import { generateDemoWorld } from "../../src/demo/index.ts";
import { featureColumns } from "../../src/features/index.ts";
import { findImportFiles, importFiles } from "../../src/ingest/index.ts";
import { promoteModel, trainFromDatabase } from "../../src/model/index.ts";

/** Peak resident memory of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/**
 * A migrated SQLite database holding a demo world, built once per size and reused by later
 * runs (under $TMPDIR/retain-bench/), so benchmarks time their own work, not the set-up.
 */
export async function demoDatabase(options: {
  customers: number;
  days: number;
  seed?: number;
  end?: string;
}): Promise<{ db: Database; dir: string; usageRows: number }> {
  const { customers, days, seed = 1, end = "2026-10-31" } = options;
  const dir = join(process.env.RETAIN_BENCH_DIR ?? join(tmpdir(), "retain-bench"), `${customers}x${days}-s${seed}`);
  const ready = join(dir, "ready.json");
  const db = openDatabase({ dialect: "sqlite", databaseUrl: `file:${join(dir, "retain.db")}` });
  if (!existsSync(ready)) {
    mkdirSync(dir, { recursive: true });
    let t = performance.now();
    const world = await generateDemoWorld({ outDir: join(dir, "csv"), customers, days, seed, end });
    console.log(
      `set-up: generated ${customers} customers × ${days} days (${world.usage.rows.toLocaleString("en")} usage rows) in ${seconds(t)} s`,
    );
    await applyMigrations(db.sql);
    t = performance.now();
    await importFiles({ db, dataDir: dir, files: findImportFiles(join(dir, "csv")) });
    console.log(`set-up: imported in ${seconds(t)} s`);
    writeFileSync(ready, JSON.stringify({ usageRows: world.usage.rows }));
  }
  await applyMigrations(db.sql);
  const { usageRows } = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(ready, "utf8")));
  return { db, dir, usageRows };
}

/** Whether a saved model reads only today's feature columns (a model of an older Retain does not). */
function readsCurrentFeatures(modelDir: string, metrics: string[]): boolean {
  const metadata = JSON.parse(readFileSync(join(modelDir, "metadata.json"), "utf8")) as {
    features: { name: string }[];
  };
  const known = new Set(featureColumns(metrics));
  return metadata.features.every((f) => known.has(f.name));
}

/** The active model of a demo database, trained and promoted first if there is none (or it reads older features); not timed. */
export async function ensureActiveModel(db: Database, dir: string) {
  const active = await findActiveModelVersion(db);
  if (active && readsCurrentFeatures(active.dir, await listMetricNames(db))) return active;
  const t = performance.now();
  const modelsDir = join(dir, "models");
  mkdirSync(modelsDir, { recursive: true });
  const report = await trainFromDatabase({ db, modelsDir });
  await promoteModel({ db, version: report.version, force: true });
  console.log(
    `set-up: trained and promoted ${report.version} (${report.kind}, AUC ${report.metrics.auc.toFixed(3)}) in ${seconds(t)} s`,
  );
  return (await findActiveModelVersion(db))!;
}
