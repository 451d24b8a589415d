import type { Command } from "commander";
import { AppError, ErrorCode } from "../../errors.ts";
import { isoDateToDay } from "../../db/timestamps.ts";
import { parseDateOption } from "../options.ts";
import { Cells, formatTable } from "../format-table.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

const JOBS = ["nightly-scoring", "retraining"] as const;

/** `retain jobs run nightly-scoring|retraining [--date D]`, `retain jobs list` and `retain jobs imports`. */
export function registerJobsCommands(program: Command): void {
  const jobs = program.command("jobs").description("background jobs: run one by hand, list recent runs");
  jobs
    .command("run")
    .description("run a job once, now, with the same database claim as the schedule")
    .argument("<job>", `one of ${JOBS.join(", ")}`)
    .option(
      "--date <date>",
      "the as-of date to run for, YYYY-MM-DD (default: today in RETAIN_TIMEZONE); retraining runs for its month",
    )
    .option("--json", "print the outcome as JSON")
    .addHelpText(
      "after",
      "\nExit codes: 0 done, kept or promoted, or skipped (another run has this date or month), 1 failed.",
    )
    .action((job: string, opts: { date?: string; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          if (!(JOBS as readonly string[]).includes(job))
            throw new AppError(ErrorCode.BadInput, `expected a job name (${JOBS.join(", ")}), found "${job}"`);
          const { localDate, runNightlyScoring } = await import("../../scoring/index.ts");
          const date = opts.date ? parseDateOption("--date", opts.date) : localDate(new Date(), config.timezone);
          if (job === "retraining") return runRetrainingOnce({ db, config, period: date.slice(0, 7), json: opts.json });
          const outcome = await runNightlyScoring({
            db,
            asOfDay: isoDateToDay(date),
            rule: config.atRiskRule,
            backend: config.tfBackend,
          });
          if (outcome.status === "done") {
            const { checkHealthAlerts } = await import("../../alerts/index.ts");
            const alerts = await checkHealthAlerts({ db, config });
            if (!opts.json && alerts.raised)
              console.log(`model-health alerts: ${alerts.raised} raised, ${alerts.emailed} emailed`);
          }
          if (opts.json) printJson(outcome);
          else if (outcome.status === "done")
            console.log(`${outcome.runKey}: done, ${outcome.result.scored} scored, ${outcome.result.atRisk} at risk`);
          else
            console.log(
              `${outcome.runKey}: ${outcome.status}: ${outcome.status === "skipped" ? outcome.reason : outcome.error}`,
            );
          return outcome.status === "failed" ? 1 : 0;
        }),
      ),
    );
  jobs
    .command("list")
    .description("recent job runs with status (running, done, failed, abandoned), duration and counts")
    .option("--json", "print as JSON")
    .action((opts: { json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db) => {
          // loaded on use, without TensorFlow.js: `--help` stays fast
          const { listRecentJobRuns } = await import("../../scoring/list-recent-job-runs.ts");
          const runs = await listRecentJobRuns({ db });
          if (opts.json) printJson(runs);
          else {
            console.log(
              formatTable(runs, [
                { header: "key", value: (r) => r.runKey },
                { header: "status", value: (r) => r.status },
                { header: "instance", value: (r) => r.instance },
                { header: "started", value: (r) => r.startedAt, format: Cells.dateTime },
                {
                  header: "seconds",
                  value: (r) => (r.durationMs === null ? null : r.durationMs / 1000),
                  format: Cells.fixed(1),
                },
                { header: "counts", value: (r) => describeCounts(r.counts) ?? r.error },
              ]),
            );
          }
        }),
      ),
    );
  jobs
    .command("imports")
    .description("recent imports with status (running, done, refused, failed, abandoned) and what each file brought")
    .option("--json", "print as JSON")
    .action((opts: { json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db) => {
          const { listImports } = await import("../../ingest/index.ts");
          const runs = await listImports({ db });
          if (opts.json) printJson(runs);
          else {
            console.log(
              formatTable(runs, [
                { header: "id", value: (r) => r.id, format: Cells.id },
                { header: "status", value: (r) => r.status },
                { header: "started", value: (r) => r.startedAt, format: Cells.dateTime },
                { header: "source", value: (r) => r.source },
                { header: "outcome", value: (r) => describeImport(r.summary) },
              ]),
            );
          }
        }),
      ),
    );
}

/** `retain jobs run retraining`: one period's retraining, its decision in words (or JSON). */
async function runRetrainingOnce(options: {
  db: import("../../db/index.ts").Database;
  config: import("../../config.ts").Config;
  period: string;
  json?: boolean;
}): Promise<number> {
  const { db, config, period } = options;
  const { runRetraining } = await import("../../model/index.ts");
  const outcome = await runRetraining({
    db,
    modelsDir: config.modelsDir,
    period,
    backend: config.tfBackend,
    resamples: config.modelHealth.resamples,
    logLossTolerance: config.modelHealth.logLossTolerance,
  });
  if (options.json) printJson(outcome);
  else if (outcome.status === "promoted" || outcome.status === "kept")
    console.log(
      `${outcome.runKey}: ${outcome.status === "promoted" ? `promoted ${outcome.challenger} over` : `kept`} ` +
        `${outcome.champion}${outcome.status === "kept" ? ` (challenger ${outcome.challenger} did not earn it)` : ""}` +
        `${outcome.verdict ? `\n  ${outcome.verdict.figures}` : ""}`,
    );
  else if (outcome.status === "skipped") console.log(`${outcome.runKey}: skipped: ${outcome.reason}`);
  else console.log(`${outcome.runKey}: failed: ${"error" in outcome ? outcome.error : ""}`);
  return outcome.status === "failed" ? 1 : 0;
}

/** One line from an import's saved summary: per-file counts, or why it ended. */
function describeImport(summary: string | null): string {
  if (!summary) return "";
  const parsed = JSON.parse(summary) as {
    files?: { kind: string; new: number; updated: number; rejected: number; refused?: string }[];
    error?: string;
  };
  const files = (parsed.files ?? []).map((f) =>
    f.refused ? `${f.kind} refused` : `${f.kind} +${show(f.new)} ~${show(f.updated)} ✗${show(f.rejected)}`,
  );
  return [...files, parsed.error ?? ""].filter(Boolean).join("; ");
}

const words = (key: string) => key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
const show = (v: unknown): string =>
  typeof v === "number"
    ? v.toLocaleString("en-US")
    : v && typeof v === "object"
      ? Object.entries(v)
          .map(([k, x]) => `${words(k)} ${show(x)}`)
          .join(", ")
      : String(v);

/** A job run's saved counts as words: "run id 12 · scored 1,000 · at risk 50 · bands high 10, medium 20, low 20"; null when none. */
function describeCounts(counts: string | null): string | null {
  if (!counts) return null;
  try {
    const parsed: unknown = JSON.parse(counts);
    return parsed && typeof parsed === "object"
      ? Object.entries(parsed)
          .map(([k, v]) => `${words(k)} ${show(v)}`)
          .join(" · ")
      : show(parsed);
  } catch {
    return counts;
  }
}
