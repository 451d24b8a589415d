import { join } from "node:path";
import type { Command } from "commander";
import { applyMigrations } from "../../db/index.ts";
import { findImportFiles, importFiles } from "../../ingest/index.ts";
import { createProgress, type Progress } from "../progress.ts";
import { parseIntOption } from "../options.ts";
import { generateWithProgress } from "./demo-data.ts";
import { runCommand, withDatabase } from "../run-command.ts";

/** `retain demo`: the main job on the embedded default, end to end on a generated world. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("create the database, generate a demo world, import it and print a summary")
    .option("--customers <n>", "customers in the demo world", "5000")
    .option("--days <d>", "days of history", "540")
    .option("--seed <s>", "random seed", "42")
    .action((opts: { customers: string; days: string; seed: string }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const applied = await applyMigrations(db.sql);
          console.log(`database: ${config.dialect === "sqlite" ? config.databaseUrl.slice(5) : "PostgreSQL"} (${applied.length} migration(s) applied)`);
          const outDir = join(config.dataDir, "demo");
          const world = await generateWithProgress({
            outDir,
            customers: parseIntOption("--customers", opts.customers),
            days: parseIntOption("--days", opts.days),
            seed: parseIntOption("--seed", opts.seed),
          });
          console.log(`demo world: ${outDir} (${world.customers.rows} customers, ${world.churnedCustomers} churned)`);
          let bar: Progress | null = null;
          let current = "";
          const summary = await importFiles({
            db,
            dataDir: config.dataDir,
            files: findImportFiles(outDir),
            batchSize: config.importBatchSize,
            onProgress(p) {
              if (p.file !== current) {
                bar?.stop();
                current = p.file;
                bar = createProgress({ total: p.totalBytes, label: `import ${p.kind}` });
              }
              bar?.update(p.bytesRead, { detail: `${p.rows} rows` });
            },
          });
          (bar as Progress | null)?.stop();
          console.table(summary.files.map((f) => ({ kind: f.kind, new: f.new, updated: f.updated, unchanged: f.unchanged, rejected: f.rejected })));
          return summary.files.some((f) => f.refused) ? 3 : 0;
        }, { migrated: false }),
      ),
    );
}
