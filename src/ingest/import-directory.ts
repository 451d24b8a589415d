import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Database } from "../db/database.ts";
import {
  abandonImportRuns,
  finishImportRun,
  heartbeatImportRun,
  ImportRunStatus,
  startImportRun,
} from "../db/repositories/import-runs.ts";
import { ABANDONED_AFTER_MS, HEARTBEAT_MS, INSTANCE_ID } from "../db/run-owner.ts";
import { AppError, ErrorCode, isAppError } from "../errors.ts";
import { moduleLogger } from "../logger.ts";
import { CONTRACTS, IMPORT_ORDER, type ImportKind } from "./contract.ts";
import { importFile, type FileSummary, type ImportProgress } from "./import-file.ts";

const log = moduleLogger("import");

export interface ImportSummary {
  runDir: string;
  files: FileSummary[];
}

/** A new folder for one import's summary and rejects: data/imports/<timestamp>-<id>. */
function makeRunDir(dataDir: string, runId: number): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
  const dir = join(dataDir, "imports", `${stamp}-${runId}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Imports files in dependency order (customers, agents, usage, tickets, surveys). A file
 * refused whole (bad header, not UTF-8) is reported and the others still run. The summary
 * is written to `<runDir>/summary.json` beside the rejects files. The run heartbeats while it
 * works; an earlier import whose owner died is first marked abandoned.
 */
export async function importFiles(options: {
  db: Database;
  dataDir: string;
  files: { kind: ImportKind; file: string }[];
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  onTicketsChanged?: (ticketIds: number[]) => Promise<void>;
}): Promise<ImportSummary> {
  const { db, files, onProgress, ...rest } = options;
  checkReadable(files.map((f) => f.file));
  for (const run of await abandonImportRuns(db, { staleAfterMs: ABANDONED_AFTER_MS }))
    log.warn(run, "an earlier import was abandoned");
  const runId = await startImportRun(db, { source: files.map((f) => f.file).join(", "), instance: INSTANCE_ID });
  const runDir = makeRunDir(options.dataDir, runId);
  const ordered = [...files].sort((a, b) => IMPORT_ORDER.indexOf(a.kind) - IMPORT_ORDER.indexOf(b.kind));
  const summaries: FileSummary[] = [];
  const heartbeat = setInterval(
    () => heartbeatImportRun(db, runId).catch((e) => log.warn({ err: e }, "heartbeat failed")),
    HEARTBEAT_MS,
  );
  const committed = (p: ImportProgress) => {
    log.debug({ runId, kind: p.kind, rows: p.rows }, "batch committed");
    onProgress?.(p);
  };
  try {
    for (const { kind, file } of ordered) {
      try {
        summaries.push(await importFile({ db, kind, file: resolve(file), runDir, onProgress: committed, ...rest }));
      } catch (error) {
        if (!isAppError(error) || error.code !== ErrorCode.FileRefused) throw error;
        summaries.push({
          kind,
          file: resolve(file),
          new: 0,
          updated: 0,
          unchanged: 0,
          rejected: 0,
          rejectsFile: null,
          refused: error.message,
          warnings: [],
        });
      }
    }
  } catch (error) {
    await finishImportRun(db, runId, ImportRunStatus.Failed, { files: summaries, error: String(error) });
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
  const status = summaries.some((s) => s.refused) ? ImportRunStatus.Refused : ImportRunStatus.Done;
  writeFileSync(join(runDir, "summary.json"), JSON.stringify({ files: summaries }, null, 2));
  await finishImportRun(db, runId, status, { files: summaries });
  return { runDir, files: summaries };
}

/** The contract files present in a directory, in dependency order; refuses a directory with none. */
export function findImportFiles(dir: string): { kind: ImportKind; file: string }[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new AppError(ErrorCode.BadInput, `expected a directory of CSV files, found no directory at ${dir}`);
  }
  const found = IMPORT_ORDER.map((kind) => ({ kind, file: join(dir, CONTRACTS[kind].file) })).filter((f) =>
    existsSync(f.file),
  );
  if (!found.length) {
    const names = IMPORT_ORDER.map((k) => CONTRACTS[k].file).join(", ");
    throw new AppError(ErrorCode.BadInput, `no importable files in ${dir}: expected one or more of ${names}`);
  }
  return found;
}

/**
 * Every file must be a readable regular file before anything is recorded: a typo is one clear line, not a failed
 * run and an empty folder.
 */
function checkReadable(files: readonly string[]): void {
  for (const file of files) {
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
      accessSync(file, constants.R_OK);
    } catch {
      isFile = false;
    }
    if (!isFile)
      throw new AppError(
        ErrorCode.BadInput,
        `cannot import ${file}: expected a readable CSV file, found ` +
          `${existsSync(file) ? "something else (a folder, or no read permission)" : "no such file"}`,
      );
  }
}
