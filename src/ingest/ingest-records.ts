import type { Database } from "../db/database.ts";
import { openBulkWriter } from "../db/bulk/index.ts";
import { AppError, ErrorCode } from "../errors.ts";
import type { ImportKind } from "./contract.ts";
import { KIND_SPECS } from "./kinds/index.ts";
import { loadLookups } from "./load-lookups.ts";
import { commitBatch, prepareBatch, type IncomingRecord } from "./write-batch.ts";

export const MAX_RECORDS_PER_REQUEST = 10_000;

export interface IngestResult {
  kind: ImportKind;
  received: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** One entry per rejected record: its index in the array, the column(s) and why. */
  errors: { index: number; column: string; reason: string }[];
  /** Internal ids of tickets inserted or changed. */
  changedTicketIds: number[];
}

/** Validates and upserts a JSON array of records of one kind with the same rules as CSV import. */
export async function ingestRecords(options: {
  db: Database;
  kind: ImportKind;
  records: unknown;
}): Promise<IngestResult> {
  const { db, kind, records } = options;
  if (!Array.isArray(records)) {
    throw new AppError(
      ErrorCode.BadInput,
      `expected a JSON array of ${kind} records, found ${records === null ? "null" : typeof records}`,
    );
  }
  if (records.length > MAX_RECORDS_PER_REQUEST) {
    throw new AppError(
      ErrorCode.PayloadTooLarge,
      `expected at most ${MAX_RECORDS_PER_REQUEST} records per request, found ${records.length}; split the array`,
    );
  }
  const errors: IngestResult["errors"] = [];
  const incoming: IncomingRecord[] = [];
  records.forEach((record, index) => {
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      errors.push({
        index,
        column: "*",
        reason: `expected a JSON object, found ${Array.isArray(record) ? "an array" : JSON.stringify(record)}`,
      });
    } else incoming.push({ raw: record as Record<string, unknown>, line: index, values: [] });
  });
  const writer = await openBulkWriter(db, kind);
  try {
    const spec = KIND_SPECS[kind];
    const batch = await prepareBatch({ db, spec, lookups: await loadLookups(db, kind), records: incoming });
    const result = await commitBatch({ writer, spec, batch, position: "record" });
    for (const r of result.rejects) errors.push({ index: r.line, column: r.column, reason: r.reason });
    errors.sort((a, b) => a.index - b.index);
    if (result.new + result.updated > 0) {
      // No import run records this: tell this process's readers (the KPI cache) the data changed.
      db.ingests.count++;
      db.ingests.lastAt = new Date();
    }
    return {
      kind,
      received: records.length,
      new: result.new,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: errors.length,
      errors,
      changedTicketIds: result.changedIds,
    };
  } finally {
    await writer.close();
  }
}
