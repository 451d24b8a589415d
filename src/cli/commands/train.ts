import type { Command } from "commander";
import { AppError, ErrorCode } from "../../errors.ts";
import { endEpochLine, epochReporter } from "../epoch-reporter.ts";
import { formatStages } from "../format-stages.ts";
import { parseIntOption } from "../options.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

interface TrainOptions {
  fromCsv?: string;
  label?: string;
  positive?: string;
  id?: string;
  evalCsv?: string;
  horizon: string;
  step: string;
  seed: string;
  budget?: string;
  candidates: string;
  promote?: boolean;
  json?: boolean;
}

const fmt = (v: number) => v.toFixed(4);

/** `retain train` (from the database) or `retain train --from-csv FILE --label COL`. */
export function registerTrainCommand(program: Command): void {
  program
    .command("train")
    .description(
      "train a churn model (a candidate in the registry): from the database, or from a flat CSV with --from-csv",
    )
    .option("--from-csv <file>", "train from a flat table instead of the database")
    .option("--label <column>", "with --from-csv: the churn column")
    .option("--positive <value>", "with --from-csv: the label's churn value (default: Yes/1/true)")
    .option("--id <column>", "with --from-csv: an id column to ignore")
    .option("--eval-csv <file>", "with --from-csv: a labelled file to report test metrics on")
    .option("--horizon <days>", "label: churned within this many days after each as-of date", "90")
    .option("--step <days>", "days between training as-of dates", "7")
    .option(
      "--budget <seconds>",
      "seconds training may take (database default 30, CSV default 8): a large database samples " +
        "customers to fit it, and the tree search stops at 35 % of it",
    )
    .option(
      "--candidates <set>",
      "core: logistic regression, boosted trees (and the vote on small tables); all: also an MLP and a weighted vote",
      "core",
    )
    .option("--seed <n>", "random seed: same data and seed give the same model", "42")
    .option("--promote", "promote the new model if it beats the active one (or none is active)")
    .option("--json", "print the result as JSON on the last line")
    .action((opts: TrainOptions) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const model = await import("../../model/index.ts"); // loaded on use: `--help` stays fast
          const seed = parseIntOption("--seed", opts.seed, 0);
          const onProgress = epochReporter(!opts.json);
          if (opts.candidates !== "core" && opts.candidates !== "all")
            throw new AppError(ErrorCode.BadInput, `--candidates: expected core or all, found "${opts.candidates}"`);
          const candidates =
            opts.candidates === "all"
              ? [...model.defaultCandidates, ...model.extraCandidates]
              : model.defaultCandidates;
          const budgetSeconds =
            opts.budget === undefined ? undefined : parseIntOption("--budget", opts.budget, 1, 86_400);
          const printStages = (stages: { stage: string; seconds: number }[] = []) =>
            !opts.json && console.log(formatStages(stages));
          if (opts.fromCsv) {
            if (!opts.label)
              throw new AppError(ErrorCode.BadInput, "--from-csv needs --label COLUMN (the churn column)");
            const result = await model.trainFromCsv({
              file: opts.fromCsv,
              label: opts.label,
              positive: opts.positive,
              id: opts.id,
              evalFile: opts.evalCsv,
              seed,
              modelsDir: config.modelsDir,
              backend: config.tfBackend,
              onProgress,
              candidates,
              budgetSeconds,
            });
            endEpochLine(!opts.json);
            await model.registerCsvModel(db, {
              result,
              file: opts.fromCsv,
              evalFile: opts.evalCsv,
              label: opts.label,
              seed,
            });
            const meta = result.metadata;
            if (opts.json)
              return printJson({
                version: result.version,
                dir: result.dir,
                kind: meta.kind,
                backend: meta.backend,
                metrics: result.metrics,
                validation: result.validation,
              });
            const m = result.metrics;
            printStages(meta.stages);
            console.log(
              `model ${result.version} (${meta.chosen ?? meta.kind}, backend ${meta.backend}) saved in ${result.dir}`,
            );
            console.log(
              `test: AUC ${fmt(m.auc)}  PR-AUC ${fmt(m.prAuc)}  Brier ${fmt(m.brier)}  log loss ` +
                `${fmt(m.logLoss)}  lift@10% ${fmt(m.lift10)}  (naive AUC ${fmt(m.baseline.auc)})`,
            );
            return;
          }
          const report = await model.trainFromDatabase({
            db,
            modelsDir: config.modelsDir,
            seed,
            backend: config.tfBackend,
            onProgress,
            candidates,
            budgetSeconds,
            horizonDays: parseIntOption("--horizon", opts.horizon, 1, 730),
            stepDays: parseIntOption("--step", opts.step, 1, 365),
            onStage: (s) => !opts.json && process.stderr.write(`${s.stage}: ${s.seconds.toFixed(1)} s\n`),
          });
          endEpochLine(!opts.json);
          const promotion =
            opts.promote && report.beatsActive ? await model.promoteModel({ db, version: report.version }) : null;
          if (opts.json)
            return printJson({
              ...report,
              metrics: { ...report.metrics, curves: undefined },
              promoted: promotion !== null,
            });
          const { metrics: m, test: t, asOf, rows } = report;
          printStages(report.stages);
          const dates = (d: string[]) => (d.length > 1 ? `${d[0]} … ${d.at(-1)}, ${d.length} dates` : d.join(""));
          const sample =
            report.customerSample < 1
              ? `, ${Math.round(report.customerSample * 100)}% of customers sampled to fit the budget`
              : "";
          console.log(
            `model ${report.version} (${report.chosen}): chosen on ${rows.train} training rows ` +
              `(${dates(asOf.train)}) and ${rows.validation} validation rows (${dates(asOf.validation)}), ` +
              `refit on ${rows.refit} rows (${dates(asOf.refit)})${sample}`,
          );
          console.log(
            `validation: AUC ${fmt(m.auc)}  PR-AUC ${fmt(m.prAuc)}  Brier ${fmt(m.brier)}  lift@10% ` +
              `${fmt(m.lift10)}  (naive AUC ${fmt(m.baseline.auc)})`,
          );
          console.log(
            `test (${rows.test} rows, ${dates(asOf.test)}, untouched): AUC ${fmt(t.auc)}  PR-AUC ` +
              `${fmt(t.prAuc)}  Brier ${fmt(t.brier)}  lift@10% ${fmt(t.lift10)}  (naive AUC ` +
              `${fmt(t.baseline.auc)})`,
          );
          console.log(
            `candidates (validation AUC): ` +
              `${report.candidates.map((c) => (c.skipped ? `${c.name} skipped (${c.skipped})` : `${c.name} ${fmt(c.valAuc)}`)).join(", ")}`,
          );
          if (report.active)
            console.log(
              `active model ${report.active.version} on the same test rows: AUC ${fmt(report.active.metrics.auc)}`,
            );
          console.log(
            promotion
              ? `promoted: ${report.version} is the active model`
              : `candidate: promote with \`npx retain models promote ${report.version}\``,
          );
        }),
      ),
    );
}
