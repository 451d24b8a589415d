import type { Command } from "commander";
import { isoDateToDay } from "../../db/timestamps.ts";
import { buildFeatureFrame, flattenFeatureRow } from "../../features/index.ts";
import { parseDateOption, parseIntOption } from "../options.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

/** `retain features --as-of DATE --out features.csv [--describe]`: the data scientists' feature frame. */
export function registerFeaturesCommand(program: Command): void {
  program
    .command("features")
    .description("write the point-in-time feature frame: one row per customer at the as-of date, label where known")
    .requiredOption("--as-of <date>", "as-of date YYYY-MM-DD: features use only data before it")
    .option("--out <file>", "CSV file to write", "features.csv")
    .option("--horizon <days>", "label: churned within this many days after the as-of date", "90")
    .option("--describe", "print summary statistics of every numeric column (danfojs describe)")
    .option("--json", "print a summary as JSON on the last line")
    .action((opts: { asOf: string; out: string; horizon: string; describe?: boolean; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db) => {
          const asOfDay = isoDateToDay(parseDateOption("--as-of", opts.asOf));
          const frame = await buildFeatureFrame({ db, asOfDay, horizonDays: parseIntOption("--horizon", opts.horizon, 1, 730) });
          const dfd = await import("danfojs-node"); // heavy: loaded only for this command
          const df = new dfd.DataFrame(frame.rows.map(flattenFeatureRow), { columns: frame.columns });
          dfd.toCSV(df, { filePath: opts.out });
          const labelled = frame.rows.filter((r) => r.label !== null);
          const summary = {
            file: opts.out, asOf: opts.asOf, rows: frame.rows.length, columns: frame.columns.length,
            labelled: labelled.length, churned: labelled.filter((r) => r.label === 1).length,
          };
          if (opts.describe && !opts.json) df.describe().print();
          if (opts.json) printJson(summary);
          else console.log(`wrote ${summary.rows} rows × ${summary.columns} columns to ${summary.file} (${summary.labelled} labelled, ${summary.churned} churned within ${opts.horizon} days)`);
        }),
      ),
    );
}
