import type { Command } from "commander";
import { isoDateToDay } from "../../db/timestamps.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { parseDateOption, parseIntOption } from "../options.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

interface FeaturesFlags {
  asOf?: string;
  out: string;
  horizon: string;
  describe?: boolean;
  json?: boolean;
}

/** `retain features --as-of DATE --out features.csv [--describe] [--json]`: the data scientists' feature frame. */
export function registerFeaturesCommand(program: Command): void {
  program
    .command("features")
    .description("write the point-in-time feature frame: one row per customer at the as-of date, label where known")
    .option("--as-of <date>", "as-of date YYYY-MM-DD: features use only data before it (required unless --describe)")
    .option("--out <file>", "CSV file to write", "features.csv")
    .option("--horizon <days>", "label: churned within this many days after the as-of date", "90")
    .option(
      "--describe",
      "print every feature's meaning and window, with its statistics in the frame (without --as-of: the catalogue only)",
    )
    .option("--json", "print the summary (and with --describe, the description) as JSON on the last line")
    .action((flags: FeaturesFlags) =>
      runCommand(async () => {
        const { buildFeatureSnapshots, describeFeatures, formatFeatureSummaries, writeSnapshotsCsv } = await import(
          "../../features/index.ts"
        ); // loaded on use: `--help` stays fast
        if (!flags.asOf) {
          if (!flags.describe)
            throw new AppError(
              ErrorCode.BadInput,
              "--as-of: expected a date YYYY-MM-DD (required unless --describe), found none",
            );
          const features = describeFeatures({});
          if (flags.json) printJson({ features });
          else process.stdout.write(`${formatFeatureSummaries(features)}\n`);
          return;
        }
        const asOfDay = isoDateToDay(parseDateOption("--as-of", flags.asOf));
        const horizonDays = parseIntOption("--horizon", flags.horizon, 1, 730);
        const frame = await withDatabase((db) => buildFeatureSnapshots({ db, asOfDays: [asOfDay], horizonDays }));
        await writeSnapshotsCsv({ file: flags.out, frame });
        const labels = Array.from(frame.label);
        const summary = {
          file: flags.out,
          asOf: flags.asOf,
          rows: frame.size,
          columns: frame.columns.length + 3,
          labelled: labels.filter((l) => l >= 0).length,
          churned: labels.filter((l) => l === 1).length,
        };
        const features = flags.describe ? describeFeatures({ frame }) : undefined;
        if (flags.json) return printJson(features ? { ...summary, features } : summary);
        if (features) process.stdout.write(`${formatFeatureSummaries(features)}\n\n`);
        console.log(
          `wrote ${summary.rows} rows × ${summary.columns} columns to ${summary.file} (${summary.labelled} ` +
            `labelled, ${summary.churned} churned within ${horizonDays} days)`,
        );
      }),
    );
}
