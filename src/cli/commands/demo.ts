import { join } from "node:path";
import type { Command } from "commander";
import type { Config } from "../../config.ts";
import { isoDateToDay } from "../../db/timestamps.ts";
import type { Database } from "../../db/index.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { endEpochLine, epochReporter } from "../epoch-reporter.ts";
import { formatStages } from "../format-stages.ts";
import { Cells, formatTable } from "../format-table.ts";
import { parseIntOption } from "../options.ts";
import { createProgress, type Progress } from "../progress.ts";
import { runCommand, withDatabase } from "../run-command.ts";
import { generateWithProgress } from "./demo-data.ts";

interface DemoOptions {
  customers: string;
  days: string;
  seed: string;
  serve: boolean;
  port?: string;
}

async function importWorld(db: Database, config: Config, dir: string): Promise<void> {
  const { findImportFiles, importFiles } = await import("../../ingest/index.ts"); // each stage loads on use: `--help` stays fast
  let bar: Progress | null = null;
  let current = "";
  const summary = await importFiles({
    db,
    dataDir: config.dataDir,
    files: findImportFiles(dir),
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
  const counts = (["new", "updated", "unchanged", "rejected"] as const).map((k) => ({
    header: k,
    value: (f: (typeof summary.files)[number]) => f[k],
    format: Cells.count,
  }));
  console.log(formatTable(summary.files, [{ header: "kind", value: (f) => f.kind }, ...counts]).replace(/^/gm, "    "));
}

/** Step 6: the data's owners become CSM users (the first one's link printed) and an admin key for scripts. */
async function printPeople(db: Database, config: Config, port: number): Promise<void> {
  const { addOwnersAsUsers, createApiKey, passwordLinkPath } = await import("../../auth/index.ts");
  const added = await addOwnersAsUsers(db);
  const key = await createApiKey(db, { role: "admin", name: "demo admin" });
  // The link goes where the dashboard will listen: --port moves the default public URL along.
  const defaultUrl = `http://${config.host}:${config.port}`;
  const base = config.outreach.publicUrl === defaultUrl ? `http://${config.host}:${port}` : config.outreach.publicUrl;
  const first = added[0];
  console.log(`6/6 people: ${added.length} CSM users from the data's owner emails (see \`retain users list\`)`);
  if (first)
    console.log(
      `    sign in as ${first.user.name} (${first.accounts} accounts): set a password at ` +
        `${base}${passwordLinkPath(first.link.token)}\n    (a new link for anyone: retain users link EMAIL)`,
    );
  else console.log("    they were added before: `retain users link EMAIL` makes a new link to set a password");
  console.log(`    admin API key for scripts and the Users page (shown once): ${key.key}`);
}

/**
 * `retain demo`: the main job on the embedded default, end to end: migrate, generate and
 * import a demo world, train and promote a model, score everyone, follow up (emails go to
 * data/outbox), then serve the dashboard with an admin key.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "the whole pipeline on a generated world: import, train, score, follow up to data/outbox, serve the dashboard",
    )
    .option("--customers <n>", "customers in the demo world", "5000")
    .option("--days <d>", "days of history", "540")
    .option("--seed <s>", "random seed", "42")
    .option("--port <port>", "port for the dashboard (overrides PORT)")
    .option("--no-serve", "stop after the pipeline instead of serving the dashboard")
    .action((opts: DemoOptions) =>
      runCommand(() =>
        withDatabase(
          async (db, config) => {
            const { applyMigrations } = await import("../../db/index.ts");
            const applied = await applyMigrations(db.sql);
            console.log(
              `1/6 database: ${config.dialect === "sqlite" ? config.databaseUrl.slice(5) : "PostgreSQL"} ` +
                `(${applied.length} migration(s) applied)`,
            );
            const outDir = join(config.dataDir, "demo");
            const world = await generateWithProgress({
              outDir,
              customers: parseIntOption("--customers", opts.customers),
              days: parseIntOption("--days", opts.days),
              seed: parseIntOption("--seed", opts.seed),
            });
            console.log(
              `2/6 demo world: ${outDir} (${world.customers.rows} customers, ${world.churnedCustomers} ` +
                `churned, ${world.usage.rows.toLocaleString("en")} usage rows)`,
            );
            await importWorld(db, config, outDir);
            const { trainFromDatabase, promoteModel } = await import("../../model/index.ts");
            console.log(
              "3/6 training a churn model (weekly snapshots, training / validation / test windows, refit on every labelled date)…",
            );
            const report = await trainFromDatabase({
              db,
              modelsDir: config.modelsDir,
              backend: config.tfBackend,
              onProgress: epochReporter(true),
            });
            endEpochLine(true);
            const promoted = report.beatsActive ? await promoteModel({ db, version: report.version }) : null;
            console.log(formatStages(report.stages).replace(/^/gm, "    "));
            console.log(
              `    model ${report.version} (${report.chosen}): test AUC ${report.test.auc.toFixed(3)} ` +
                `(validation ${report.metrics.auc.toFixed(3)}), lift@10% ` +
                `${report.test.lift10.toFixed(1)}${promoted ? ", promoted" : ", kept as candidate (the active model is better)"}`,
            );
            const { runNightlyScoring, scoreCustomers } = await import("../../scoring/index.ts");
            const today = new Date().toISOString().slice(0, 10);
            const scoring = { db, asOfDay: isoDateToDay(today), rule: config.atRiskRule, backend: config.tfBackend };
            // As today's nightly run (claimed in job_runs), so `retain serve` does not score the same day again;
            // when today's was done before (a demo run again the same day), this new world is scored anyway.
            const nightly = await runNightlyScoring(scoring);
            if (nightly.status === "failed") throw new AppError(ErrorCode.Internal, nightly.error);
            const run = nightly.status === "done" ? nightly.result : await scoreCustomers(scoring);
            console.log(
              `4/6 scored ${run.scored} customers as of ${run.asOf}: ${run.atRisk} at risk (high ` +
                `${run.bands.high}, medium ${run.bands.medium}, low ${run.bands.low})`,
            );
            const { createOutreach, formatRunCounts } = await import("../../outreach/index.ts");
            const outreach = createOutreach({ db, config });
            try {
              await outreach.scan();
              const counts = await outreach.runOnce();
              console.log(
                `5/6 follow-ups after closed tickets of at-risk customers (emails go to ` +
                  `${join(config.dataDir, "outbox")} unless SMTP_URL is set):`,
              );
              console.log(formatRunCounts(counts).replace(/^/gm, "    "));
            } finally {
              outreach.close();
            }
            const port = opts.port ? parseIntOption("--port", opts.port, 0, 65535) : config.port;
            await printPeople(db, config, port);
            const { serveUntilStopped } = await import("./serve.ts");
            if (opts.serve)
              await serveUntilStopped({
                db,
                config,
                host: config.host,
                port,
              });
            return 0;
          },
          { migrated: false },
        ),
      ),
    );
}
