import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations, openDatabase, type Database } from "../../src/db/index.ts";
import { generateDemoWorld } from "../../src/demo/index.ts";
import { findImportFiles, importFiles } from "../../src/ingest/index.ts";

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
export async function demoDatabase(options: { customers: number; days: number; seed?: number; end?: string }): Promise<{ db: Database; dir: string; usageRows: number }> {
  const { customers, days, seed = 1, end = "2026-10-31" } = options;
  const dir = join(process.env.RETAIN_BENCH_DIR ?? join(tmpdir(), "retain-bench"), `${customers}x${days}-s${seed}`);
  const ready = join(dir, "ready.json");
  const db = openDatabase({ dialect: "sqlite", databaseUrl: `file:${join(dir, "retain.db")}` });
  if (!existsSync(ready)) {
    mkdirSync(dir, { recursive: true });
    let t = performance.now();
    const world = await generateDemoWorld({ outDir: join(dir, "csv"), customers, days, seed, end });
    console.log(`set-up: generated ${customers} customers × ${days} days (${world.usage.rows.toLocaleString("en")} usage rows) in ${seconds(t)} s`);
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
