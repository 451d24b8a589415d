import type { Command } from "commander";
import { parseIntOption } from "../options.ts";
import { createProgress, type Progress } from "../progress.ts";
import { printJson, runCommand } from "../run-command.ts";

/** Generates the demo world with a progress bar; shared by `demo-data` and `demo`. */
export async function generateWithProgress(options: {
  outDir: string;
  customers: number;
  days: number;
  seed: number;
  end?: string;
  quiet?: boolean;
}) {
  const { generateDemoWorld } = await import("../../demo/index.ts"); // loaded on use: keeps start-up fast
  let bar: Progress | null = null;
  const summary = await generateDemoWorld({
    ...options,
    onProgress(p: { phase: string; done: number; total: number }) {
      bar ??= createProgress({ total: p.total, label: "demo world", enabled: !options.quiet && process.stderr.isTTY });
      bar.update(p.done, { detail: p.phase });
    },
  });
  (bar as Progress | null)?.stop();
  return summary;
}

/** `retain demo-data --out DIR --customers N --days D --seed S [--end DATE]`. */
export function registerDemoDataCommand(program: Command): void {
  program
    .command("demo-data")
    .description("write the five contract CSVs of a believable SaaS business (deterministic for a seed)")
    .requiredOption("--out <dir>", "directory to write customers/agents/usage/tickets/surveys .csv into")
    .option("--customers <n>", "number of customers (100–200000)", "2000")
    .option("--days <d>", "days of history (30–1100)", "540")
    .option("--seed <s>", "random seed: the same seed and options give the same files", "42")
    .option("--end <date>", "last day of the history, YYYY-MM-DD (default: today, UTC)")
    .option("--json", "print the summary as JSON")
    .action((opts: { out: string; customers: string; days: string; seed: string; end?: string; json?: boolean }) =>
      runCommand(async () => {
        const summary = await generateWithProgress({
          outDir: opts.out,
          customers: parseIntOption("--customers", opts.customers),
          days: parseIntOption("--days", opts.days),
          seed: parseIntOption("--seed", opts.seed),
          end: opts.end,
          quiet: opts.json,
        });
        if (opts.json) printJson(summary);
        else console.log(JSON.stringify(summary, null, 2));
      }),
    );
}
