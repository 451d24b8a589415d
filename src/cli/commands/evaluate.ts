import type { Command } from "commander";
import type { Metrics, SeenOverlap } from "../../model/index.ts";
import { AppError, ErrorCode } from "../../errors.ts";
import { formatCalibration } from "../format-calibration.ts";
import { parseDateOption, parseIntOption } from "../options.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

const fmt = (v: number) => v.toFixed(4);

/** `retain evaluate --model VERSION --as-of DATE | --from-csv FILE --label COL`. */
export function registerEvaluateCommand(program: Command): void {
  program
    .command("evaluate")
    .description("report a model's metrics on new data: customers as of a past date (labels known), or a labelled CSV")
    .requiredOption("--model <version>", "a version from `retain models list`")
    .option(
      "--as-of <date>",
      "evaluate on the customers as of this date, YYYY-MM-DD (needs the horizon to have passed)",
    )
    .option("--horizon <days>", "with --as-of: churn within this many days counts", "90")
    .option("--from-csv <file>", "evaluate on a labelled flat CSV (for models trained with --from-csv)")
    .option("--label <column>", "with --from-csv: the churn column (default: the model's)")
    .option("--positive <value>", "with --from-csv: the churn value (default: the model's)")
    .option(
      "--include-seen",
      "with --as-of: evaluate even when the date lies within one horizon of the model's own training dates",
    )
    .option("--json", "print the metrics as JSON on the last line")
    .action(
      (opts: {
        model: string;
        asOf?: string;
        horizon: string;
        fromCsv?: string;
        label?: string;
        positive?: string;
        includeSeen?: boolean;
        json?: boolean;
      }) =>
        runCommand(() =>
          withDatabase(async (db, config) => {
            if (!opts.asOf === !opts.fromCsv)
              throw new AppError(ErrorCode.BadInput, "expected exactly one of --as-of DATE or --from-csv FILE");
            const model = await import("../../model/index.ts"); // loaded on use: `--help` stays fast
            const record = await model.findRegisteredModel(db, opts.model);
            if (!record)
              throw new AppError(ErrorCode.NotFound, `no model version "${opts.model}" (see \`retain models list\`)`);
            let metrics: Metrics | null;
            let overlap: SeenOverlap | null = null;
            if (opts.fromCsv) {
              metrics = await model.evaluateCsv({
                modelDir: record.dir,
                file: opts.fromCsv,
                label: opts.label,
                positive: opts.positive,
                backend: config.tfBackend,
              });
            } else {
              const { isoDateToDay } = await import("../../db/index.ts");
              ({ metrics, overlap } = await model.evaluateAsOf({
                db,
                modelDir: record.dir,
                asOfDay: isoDateToDay(parseDateOption("--as-of", opts.asOf!)),
                horizonDays: parseIntOption("--horizon", opts.horizon, 1, 730),
                training: record.training,
                includeSeen: opts.includeSeen,
                backend: config.tfBackend,
              }));
            }
            if (opts.json)
              return printJson({
                version: record.version,
                overlap,
                leftOut: overlap && !overlap.included ? overlap.rows : 0,
                metrics: metrics && { ...metrics, curves: undefined },
              });
            if (overlap) {
              // Not a test of the model: it learnt from these customers' outcomes (or ones overlapping them).
              const horizon = record.training.source === "database" ? record.training.horizonDays : 90;
              const fate = overlap.included
                ? "evaluated anyway (--include-seen)"
                : `${overlap.rows} rows left out (--include-seen to evaluate them)`;
              console.log(
                `warning: ${opts.asOf} lies within ${horizon} days of the model's ${overlap.role} date ` +
                  `${overlap.nearest}: its ${overlap.rows} rows overlap what the model learnt from; ${fate}`,
              );
            }
            if (!metrics) {
              console.log("nothing evaluated: choose a date after the model's data, or pass --include-seen");
              return;
            }
            console.log(
              `model ${record.version} on ${metrics.rows} rows (churn rate ${(metrics.prevalence * 100).toFixed(1)}%):`,
            );
            console.log(
              `  AUC ${fmt(metrics.auc)}  PR-AUC ${fmt(metrics.prAuc)}  Brier ${fmt(metrics.brier)}  log loss ` +
                `${fmt(metrics.logLoss)}  lift@10% ${fmt(metrics.lift10)}`,
            );
            console.log(
              `  naive: AUC ${fmt(metrics.baseline.auc)}  PR-AUC ${fmt(metrics.baseline.prAuc)}  Brier ` +
                `${fmt(metrics.baseline.brier)}  log loss ${fmt(metrics.baseline.logLoss)}`,
            );
            console.log(
              `  at threshold ${fmt(metrics.threshold)}: precision ${fmt(metrics.precision)}, recall ${fmt(metrics.recall)}`,
            );
            console.log(formatCalibration(metrics.curves.calibration));
          }),
        ),
    );
}
