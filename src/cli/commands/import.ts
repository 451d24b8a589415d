import { basename } from "node:path";
import type { Command } from "commander";
import { AppError, ErrorCode } from "../../errors.ts";
import { isImportKind, IMPORT_ORDER, type ImportKind } from "../../ingest/contract.ts";
import type { FileSummary } from "../../ingest/index.ts";
import { createProgress, type Progress } from "../progress.ts";
import { Cells, formatTable } from "../format-table.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

function printSummary(files: FileSummary[], runDir: string): void {
  console.log(
    formatTable(files, [
      { header: "file", value: (f) => basename(f.file) },
      { header: "new", value: (f) => f.new, format: Cells.count },
      { header: "updated", value: (f) => f.updated, format: Cells.count },
      { header: "unchanged", value: (f) => f.unchanged, format: Cells.count },
      { header: "rejected", value: (f) => f.rejected, format: Cells.count },
      { header: "note", value: (f) => (f.refused ? "REFUSED" : f.rejectsFile ? `rejects: ${f.rejectsFile}` : "") },
    ]),
  );
  for (const f of files) {
    if (f.refused) console.error(`✗ ${f.refused}`);
    for (const w of f.warnings) console.error(`! ${w}`);
  }
  console.log(`summary: ${runDir}/summary.json`);
}

/** `retain import DIR` or `retain import --kind KIND FILE`. */
export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description("import contract CSVs: every known file in DIR, in dependency order, or one FILE with --kind")
    .argument("<path>", "a directory of customers/agents/usage/tickets/surveys .csv, or one file with --kind")
    .option("--kind <kind>", `import one file of this kind (${IMPORT_ORDER.join("|")})`)
    .option("--json", "print the summary as one JSON object on the last line of stdout")
    .addHelpText(
      "after",
      "\nExit codes: 0 the import ran (even with rejected rows), 3 a file was refused whole.\nRejected " +
        "rows are written to a rejects CSV beside summary.json in data/imports/<run>/.",
    )
    .action((path: string, opts: { kind?: string; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db, config) => {
          const { findImportFiles, importFiles } = await import("../../ingest/index.ts"); // loaded on use: `--help` stays fast
          const { createOutreach, TriggerSource } = await import("../../outreach/index.ts");
          let files: { kind: ImportKind; file: string }[];
          if (opts.kind !== undefined) {
            if (!isImportKind(opts.kind))
              throw new AppError(
                ErrorCode.BadInput,
                `--kind: expected one of ${IMPORT_ORDER.join("|")}, found "${opts.kind}"`,
              );
            files = [{ kind: opts.kind, file: path }];
          } else files = findImportFiles(path);
          let bar: Progress | null = null;
          let current = "";
          const outreach = createOutreach({ db, config });
          const summary = await importFiles({
            db,
            dataDir: config.dataDir,
            files,
            batchSize: config.importBatchSize,
            // Closed tickets of each committed batch are queued for follow-ups (`retain outreach run` or `serve` decides them).
            onTicketsChanged: async (ids) => void (await outreach.enqueue(ids, TriggerSource.Import)),
            onProgress(p) {
              if (p.file !== current) {
                bar?.stop();
                current = p.file;
                bar = createProgress({
                  total: Math.ceil(p.totalBytes / 1e6),
                  label: p.kind,
                  unit: " MB",
                  enabled: !opts.json && process.stderr.isTTY,
                });
              }
              bar?.update(Math.floor(p.bytesRead / 1e6), { detail: `${p.rows.toLocaleString("en")} rows` });
            },
          });
          (bar as Progress | null)?.stop();
          if (opts.json) {
            printJson({
              files: summary.files.map(
                ({ kind, file, new: n, updated, unchanged, rejected, rejectsFile, refused }) => ({
                  kind,
                  file,
                  new: n,
                  updated,
                  unchanged,
                  rejected,
                  rejectsFile,
                  ...(refused ? { refused } : {}),
                }),
              ),
            });
          } else printSummary(summary.files, summary.runDir);
          return summary.files.some((f) => f.refused) ? 3 : 0;
        }),
      ),
    );
}
