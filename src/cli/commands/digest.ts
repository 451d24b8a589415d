import type { Command } from "commander";
import { join } from "node:path";
import { parseDateOption } from "../options.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

/** `retain digest send [--dry-run] [--date D] [--json]`: the daily digest once, by hand. */
export function registerDigestCommands(program: Command): void {
  const digest = program
    .command("digest")
    .description("the daily digest email to each CSM (retain serve sends it on schedule)");
  digest
    .command("send")
    .description(
      "email each CSM their digest for the day (newly at risk, biggest risers, renewals at risk, yesterday's " +
        "follow-ups); once per person per day, claimed like the schedule's",
    )
    .option("--dry-run", "print who would get what; send and claim nothing")
    .option("--date <date>", "the day to send for, YYYY-MM-DD (default: today in RETAIN_TIMEZONE)")
    .option("--json", "print the outcome as JSON")
    .addHelpText("after", "\nExit codes: 0 done (sent, nothing to send or already sent today), 1 a send failed.")
    .action((opts: { dryRun?: boolean; date?: string; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const date = opts.date === undefined ? undefined : parseDateOption("--date", opts.date);
          // loaded on use: `--help` stays fast
          const { runDailyDigest } = await import("../../digest/index.ts");
          const { formatDigestResult } = await import("../format-digest.ts");
          const result = await runDailyDigest({ db, config, date, dryRun: opts.dryRun === true });
          const outbox = config.outreach.smtpUrl ? null : join(config.dataDir, "outbox");
          if (opts.json) printJson(result);
          else console.log(formatDigestResult(result, { outbox }));
          return result.totals.failed ? 1 : 0;
        }),
      ),
    );
}
