import type { Command } from "commander";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

/** `retain monitor [--json] [--runs N]`: realised performance of past risk runs, pending runs, and drift. */
export function registerMonitorCommand(program: Command): void {
  program
    .command("monitor")
    .description(
      "model health: each past risk run measured against who churned once its horizon passed (pending until then), " +
        "per model version, by segment and plan; drift (PSI) of every feature and the score against the training window",
    )
    .option("--runs <n>", "how many of the latest runs to show", "60")
    .option("--json", "print the runs, versions and latest drift as JSON")
    .addHelpText("after", "\nFeatures with PSI above RETAIN_DRIFT_PSI (default 0.2) are flagged as drifted.")
    .action((opts: { runs: string; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { parseIntOption } = await import("../options.ts");
          const { loadModelHealth, refreshRunOutcomes } = await import("../../monitoring/index.ts");
          const take = parseIntOption("--runs", opts.runs, 1, 10_000);
          // Measures what became measurable since the nightly job last ran, so the figures are current.
          await refreshRunOutcomes({ db });
          const health = await loadModelHealth({ db, psiThreshold: config.modelHealth.driftPsi, take });
          if (opts.json) return printJson(health);
          const { moneyFormatter } = await import("../../money/index.ts");
          const { formatModelHealth } = await import("../monitor-tables.ts");
          console.log(formatModelHealth(health, moneyFormatter(config.currency)));
        }),
      ),
    );
}
