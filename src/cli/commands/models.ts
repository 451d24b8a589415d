import type { Command } from "commander";
import { AppError, ErrorCode } from "../../errors.ts";
import type { RegistryTraining } from "../../model/index.ts";
import { formatCalibration } from "../format-calibration.ts";
import { Cells, formatFields, formatTable } from "../format-table.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

const registry = () => import("../../model/index.ts"); // loaded on use: `--help` stays fast
// The registry's read side alone, past model/index.ts on purpose: that loads TensorFlow.js, which list and show
// never use (0.8 s more each).
const readRegistry = () => import("../../model/registry/model-overview.ts");

const fmt = (v: number | undefined) => (typeof v === "number" && !Number.isNaN(v) ? v.toFixed(4) : "");
const dates = (days: string[]) => (days.length ? `${days.length} (${days[0]} to ${days[days.length - 1]})` : "none");

/** Where a version's data came from, as key: value lines. */
function describeTraining(t: RegistryTraining): string {
  const run = { "data fingerprint": t.dataFingerprint, seed: t.seed, backend: t.backend };
  if (t.source === "csv")
    return formatFields(
      {
        source: "csv",
        file: t.file,
        "test file": t.evalFile ?? "a held-out split of the file",
        label: t.label,
        ...run,
      },
      "  ",
    );
  const roles = ["train", "validation", "test", "refit"] as const;
  return formatFields(
    {
      source: "database",
      window: `${t.from} to ${t.to}`,
      "horizon days": t.horizonDays,
      "step days": t.stepDays,
      "customer sample": `${(t.customerSample * 100).toFixed(0)} %`,
      ...Object.fromEntries(
        roles.map((r) => [`${r} dates`, `${dates(t.asOf[r])}, ${t.rows[r].toLocaleString("en-US")} rows`]),
      ),
      ...run,
    },
    "  ",
  );
}

/** `retain models list|show|promote|rollback`: the model registry. */
export function registerModelsCommands(program: Command): void {
  const models = program.command("models").description("the model registry: versions, promotion and rollback");
  models
    .command("list")
    .description(
      "every model version, newest first, with its test-window metrics (validation for older versions) and validation AUC",
    )
    .option("--json", "print as JSON")
    .action((opts: { json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db) => {
          const { listModels, listRegisteredModels } = await readRegistry();
          const [versions, { sameRows }] = await Promise.all([listRegisteredModels(db), listModels(db)]);
          const rows = versions.map((v) => {
            const m = v.metrics.test ?? v.metrics.validation;
            return {
              version: v.version,
              status: v.status,
              kind: v.kind,
              source: v.source,
              created: v.createdAt.toISOString(),
              auc: m.auc,
              valAuc: v.metrics.validation.auc,
              sameRowsAuc: sameRows?.scores[v.version]?.auc ?? null,
              prAuc: m.prAuc,
              brier: m.brier,
              lift10: m.lift10,
              threshold: v.threshold,
            };
          });
          if (opts.json) printJson(rows);
          else {
            if (sameRows)
              console.log(
                `same rows: the ${sameRows.rows} rows of the test window of ${sameRows.window} ` +
                  `(${sameRows.dates[0]} to ${sameRows.dates.at(-1)}), each version's chosen pipeline before its refit`,
              );
            const metric = (header: string, value: (r: (typeof rows)[number]) => number, digits = 4) => ({
              header,
              value,
              format: Cells.fixed(digits),
            });
            console.log(
              formatTable(rows, [
                { header: "version", value: (r) => r.version },
                { header: "status", value: (r) => r.status },
                { header: "kind", value: (r) => r.kind },
                { header: "source", value: (r) => r.source },
                { header: "created", value: (r) => r.created, format: Cells.dateTime },
                metric("AUC", (r) => r.auc),
                metric("val AUC", (r) => r.valAuc),
                { header: "same-rows AUC", value: (r) => r.sameRowsAuc, format: Cells.fixed(4) },
                metric("PR-AUC", (r) => r.prAuc),
                metric("Brier", (r) => r.brier),
                metric("lift@10%", (r) => r.lift10, 2),
                metric("threshold", (r) => r.threshold, 2),
              ]),
            );
          }
        }),
      ),
    );
  models
    .command("show")
    .description(
      "one version: training window, metrics beside the naive baseline and the active model, feature importance",
    )
    .argument("<version>", "a version from `retain models list`")
    .option("--json", "print as JSON")
    .action((version: string, opts: { json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db) => {
          const { findRegisteredModel, listModelHistory } = await readRegistry();
          const record = await findRegisteredModel(db, version);
          if (!record)
            throw new AppError(ErrorCode.NotFound, `no model version "${version}" (see \`retain models list\`)`);
          const { metrics, training } = record;
          if (opts.json) return printJson({ ...record, events: await listModelHistory(db, { version }) });
          // The test window is what models are compared on; older versions have validation only.
          const v = metrics.test ?? metrics.validation;
          console.log(
            `${record.version}  ${record.status}  ${record.kind} (${record.source})  created ` +
              `${Cells.dateTime.show(record.createdAt)} UTC  dir ${record.dir}`,
          );
          console.log(`training:\n${describeTraining(training)}`);
          const line = (
            name: string,
            m: { auc: number; prAuc: number; brier: number; logLoss: number; lift10: number } | undefined,
          ) =>
            m &&
            console.log(
              `  ${name.padEnd(24)} AUC ${fmt(m.auc)}  PR-AUC ${fmt(m.prAuc)}  Brier ${fmt(m.brier)}  log loss ` +
                `${fmt(m.logLoss)}  lift@10% ${fmt(m.lift10)}`,
            );
          line(metrics.test ? "test window" : "validation", v);
          line("naive baseline", v.baseline);
          if (metrics.active) line(`active (${metrics.active.version})`, metrics.active.metrics);
          if (metrics.test) line("validation (chose it)", metrics.validation);
          for (const c of metrics.candidates) {
            const result = c.skipped
              ? `skipped: ${c.skipped}`
              : `validation AUC ${fmt(c.valAuc)}  test AUC ${fmt(c.testAuc)}  ${c.seconds?.toFixed(1) ?? "?"} s`;
            console.log(`  candidate ${String(c.name).padEnd(14)} ${result}`);
          }
          console.log(
            `  at threshold ${fmt(record.threshold)}: precision ${fmt(v.precision)}, recall ${fmt(v.recall)}`,
          );
          console.log(
            `calibration (${metrics.test ? "test window" : "validation"}):\n${formatCalibration(v.curves.calibration)}`,
          );
          console.log(
            `feature importance (top 15):\n${formatTable(metrics.importance.slice(0, 15), [
              { header: "feature", value: (i) => i.feature },
              { header: "importance", value: (i) => i.importance, format: Cells.fixed(4) },
            ])}`,
          );
        }),
      ),
    );
  models
    .command("promote")
    .description(
      "make a version the active model, if it earns it on the same rows (its test window): the paired bootstrap 95 % " +
        "interval of the AUC difference lies above zero and log loss is no worse beyond RETAIN_PROMOTION_LOG_LOSS_TOLERANCE",
    )
    .argument("<version>", "a version from `retain models list`")
    .option("--force", "promote even if it does not earn it (recorded with who forced it)")
    .option("--json", "print the result as JSON")
    .action((version: string, opts: { force?: boolean; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { promoteModel } = await registry();
          const { userInfo } = await import("node:os");
          const result = await promoteModel({
            db,
            version,
            force: opts.force,
            actor: `cli:${userInfo().username}`,
            backend: config.tfBackend,
            resamples: config.modelHealth.resamples,
            logLossTolerance: config.modelHealth.logLossTolerance,
          });
          if (opts.json) printJson(result);
          else {
            console.log(
              `model ${result.version} is active${result.previous ? ` (was ${result.previous})` : ""}${result.forced ? " — forced" : ""}`,
            );
            if (result.verdict) console.log(`  ${result.verdict.figures}`);
          }
        }),
      ),
    );
  models
    .command("rollback")
    .description("return to the model that was active before the current one")
    .option("--json", "print the result as JSON")
    .action((opts: { json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db) => {
          const { rollbackModel } = await registry();
          const { userInfo } = await import("node:os");
          const result = await rollbackModel({ db, actor: `cli:${userInfo().username}` });
          if (opts.json) printJson(result);
          else console.log(`model ${result.version} is active again (rolled back from ${result.from})`);
        }),
      ),
    );
}
