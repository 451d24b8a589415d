import type { Command } from "commander";
import type { AtRiskRuleSpec } from "../../config.ts";
import { isoDateToDay } from "../../db/timestamps.ts";
import { parseDateOption } from "../options.ts";
import { createProgress, type Progress } from "../progress.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

const todayUtc = () => new Date().toISOString().slice(0, 10);
const n = (v: number) => v.toLocaleString("en-US");

/** The at-risk rule in words: "probability ≥ 0.21", "the top 10 % by probability", "revenue at risk (probability × MRR) ≥ $500.00". */
function describeRule(rule: AtRiskRuleSpec, money: (amount: number) => string): string {
  if (rule.kind === "threshold") return `probability ≥ ${rule.value.toFixed(2)}`;
  if (rule.kind === "top_percent") return `the top ${rule.value} % by probability`;
  return `revenue at risk (probability × MRR) ≥ ${money(rule.value)}`;
}

/** `retain score [--as-of DATE] [--rule R] [--json]`. */
export function registerScoreCommand(program: Command): void {
  program
    .command("score")
    .description("score every current customer with the active model and write a risk run (replaces that date's run)")
    .option("--as-of <date>", "score as of this date, YYYY-MM-DD (features use data before it)", todayUtc())
    .option(
      "--rule <rule>",
      "at-risk rule: threshold:P | top:N (percent) | revenue:AMOUNT (default: RETAIN_AT_RISK_RULE, else the model's threshold)",
    )
    .option(
      "--out <file.csv>",
      "also write every scored customer (probability, band, at_risk, drivers, features) to this CSV",
    )
    .option("--json", "print the run summary as JSON")
    .addHelpText("after", "\nExit code 5 when there is no active model (train and promote one first).")
    .action((opts: { asOf: string; rule?: string; out?: string; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { scoreCustomers } = await import("../../scoring/index.ts"); // loads TensorFlow.js only when needed
          const { moneyFormatter } = await import("../../money/index.ts");
          let bar: Progress | null = null;
          let phase = "";
          const result = await scoreCustomers({
            db,
            asOfDay: isoDateToDay(parseDateOption("--as-of", opts.asOf)),
            rule: opts.rule ?? config.atRiskRule,
            backend: config.tfBackend,
            outFile: opts.out,
            onProgress(p) {
              if (p.phase !== phase) {
                bar?.stop();
                phase = p.phase;
                bar = createProgress({ total: p.total, label: p.phase, enabled: !opts.json && process.stderr.isTTY });
              }
              bar?.update(p.done);
            },
          });
          (bar as Progress | null)?.stop();
          if (opts.json) printJson(result);
          else {
            const { bands } = result;
            console.log(
              `risk run ${result.runId} as of ${result.asOf} with model ${result.modelVersion}: ` +
                `${n(result.scored)} customers scored, ${n(result.atRisk)} at risk`,
            );
            console.log(
              `bands: high ${n(bands.high)}, medium ${n(bands.medium)}, low ${n(bands.low)}; rule: ` +
                `${describeRule(result.rule, moneyFormatter(config.currency))}; ` +
                `${(result.durationMs / 1000).toFixed(1)} s`,
            );
            if (opts.out) console.log(`scores written to ${opts.out}`);
          }
        }),
      ),
    );
}
