import { basename, join } from "node:path";
import { DEFAULT_IMPORT_BATCH } from "../config.ts";
import type { Database } from "../db/database.ts";
import { openBulkWriter } from "../db/bulk/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { CONTRACTS, type ImportKind } from "./contract.ts";
import { openCsv } from "./csv/index.ts";
import { KIND_SPECS } from "./kinds/index.ts";
import { loadLookups } from "./load-lookups.ts";
import { RejectsWriter } from "./rejects-writer.ts";
import { commitBatch, prepareBatch, type IncomingRecord } from "./write-batch.ts";
import type { Reject } from "./rejects-writer.ts";

/** The outcome of importing one file (the --json contract). */
export interface FileSummary {
  kind: ImportKind;
  file: string;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectsFile: string | null;
  /** Set when the file was refused whole; nothing of it was imported. */
  refused?: string;
  warnings: string[];
}

export interface ImportProgress {
  kind: ImportKind;
  file: string;
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

/** Checks the header against the contract: refuses missing required and repeated columns, warns once about unknown ones. */
export function checkHeader(kind: ImportKind, header: string[], file: string): { warnings: string[] } {
  const contract = CONTRACTS[kind];
  const repeated = header.filter((h, i) => h !== "" && header.indexOf(h) !== i);
  if (repeated.length) {
    // Which of the two columns holds the data is a guess: refuse rather than silently use one.
    throw new AppError(
      ErrorCode.FileRefused,
      `${file} refused: expected each column once in the header, found ` +
        `${[...new Set(repeated)].map((h) => `"${h}"`).join(", ")} more than once`,
    );
  }
  const missing = contract.required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new AppError(
      ErrorCode.FileRefused,
      `${file} refused: missing required column(s) ${missing.join(", ")}; a ${kind} file needs ${contract.required.join(", ")} ` +
        `(optional: ${contract.optional.join(", ") || "none"}); found: ${header.join(", ") || "(empty header)"}`,
    );
  }
  const known = new Set([...contract.required, ...contract.optional]);
  const unknown = header.filter((h) => !known.has(h));
  return { warnings: unknown.length ? [`${file}: ignored unknown column(s) ${unknown.join(", ")}`] : [] };
}

/**
 * Imports one CSV file of one kind: streamed in batches, each batch validated and
 * upserted in one transaction; bad rows go to `<runDir>/<kind>.rejects.csv`.
 */
export async function importFile(options: {
  db: Database;
  kind: ImportKind;
  file: string;
  runDir: string;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Called after each committed batch with the internal ids of tickets it inserted or changed. */
  onTicketsChanged?: (ticketIds: number[]) => Promise<void>;
}): Promise<FileSummary> {
  // 10k rows a batch: as fast as bigger batches, and they die young (less GC, less memory).
  const { db, kind, file, runDir, batchSize = DEFAULT_IMPORT_BATCH, onProgress, onTicketsChanged } = options;
  const summary: FileSummary = {
    kind,
    file,
    new: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectsFile: null,
    warnings: [],
  };
  const csv = await openCsv(file, batchSize);
  summary.warnings = checkHeader(kind, csv.header, basename(file)).warnings;
  const columns = [...CONTRACTS[kind].required, ...CONTRACTS[kind].optional]
    .map((name) => ({ name, index: csv.header.indexOf(name) }))
    .filter((c) => c.index !== -1);
  const spec = KIND_SPECS[kind];
  const lookups = await loadLookups(db, kind);
  const writer = await openBulkWriter(db, kind, { threaded: true });
  const rejects = new RejectsWriter(join(runDir, `${kind}.rejects.csv`), csv.header);
  let rows = 0;
  // One batch is written while the next is parsed and validated.
  let writing: Promise<void> = Promise.resolve();
  try {
    for await (const batch of csv.batches) {
      const { records, malformed } = toRecords(batch.records, csv.header, columns);
      const prepared = await prepareBatch({ db, spec, lookups, records });
      prepared.rejects.push(...malformed);
      await writing;
      rows += batch.records.length;
      const progress = { kind, file, bytesRead: batch.bytesRead, totalBytes: csv.totalBytes, rows };
      writing = commitBatch({ writer, spec, batch: prepared }).then(async (result) => {
        summary.new += result.new;
        summary.updated += result.updated;
        summary.unchanged += result.unchanged;
        await rejects.write(result.rejects);
        if (kind === "tickets" && result.changedIds.length) await onTicketsChanged?.(result.changedIds);
        onProgress?.(progress);
      });
      writing.catch(() => undefined); // awaited next turn or below; avoids an unhandled rejection meanwhile
    }
    await writing;
  } finally {
    await writer.close();
    summary.rejectsFile = await rejects.close();
    summary.rejected = rejects.count;
  }
  return summary;
}

/** CSV records → incoming records keyed by contract column; records with the wrong field count are rejected. */
function toRecords(
  csvRecords: { fields: string[]; line: number }[],
  header: string[],
  columns: { name: string; index: number }[],
): { records: IncomingRecord[]; malformed: Reject[] } {
  const records: IncomingRecord[] = [];
  const malformed: Reject[] = [];
  for (const r of csvRecords) {
    if (r.fields.length !== header.length) {
      malformed.push({
        line: r.line,
        column: "*",
        reason: `expected ${header.length} fields, found ${r.fields.length}`,
        values: r.fields,
      });
      continue;
    }
    const raw: Record<string, unknown> = {};
    for (const c of columns) raw[c.name] = r.fields[c.index];
    records.push({ raw, line: r.line, values: r.fields });
  }
  return { records, malformed };
}
