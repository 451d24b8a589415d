import type { Database } from "../db/database.ts";
import type { BatchOutcome, BulkWriter } from "../db/bulk/index.ts";
import type { ImportRow } from "../db/import-rows.ts";
import { findTicketsByExternalId } from "../db/repositories/reference-ids.ts";
import { isRowProblems, type KindSpec, type Lookups } from "./kinds/index.ts";
import type { Reject } from "./rejects-writer.ts";

/** One incoming record: its fields by column name, its line (or array index), its original values. */
export interface IncomingRecord {
  raw: Record<string, unknown>;
  line: number;
  values: string[];
}

/** A validated batch: rows ready for the database, and the records already rejected. */
export interface PreparedBatch {
  rows: ImportRow[];
  kept: IncomingRecord[];
  rejects: Reject[];
}

export interface BatchResult {
  new: number;
  updated: number;
  unchanged: number;
  rejects: Reject[];
  /** Internal ids of tickets inserted or changed. */
  changedIds: number[];
}

/** Validates a batch (the part that can run while the previous batch is being written). */
export async function prepareBatch(options: {
  db: Database;
  spec: KindSpec<ImportRow>;
  lookups: Lookups;
  records: IncomingRecord[];
}): Promise<PreparedBatch> {
  const { db, spec, records } = options;
  let lookups = options.lookups;
  if (spec.kind === "surveys") {
    const refs = records
      .map((r) => r.raw.ticket_id)
      .filter((t): t is string => typeof t === "string" && t.trim() !== "");
    const tickets = await findTicketsByExternalId(
      db,
      refs.map((t) => t.trim()),
    );
    lookups = { ...lookups, ticket: (id) => tickets.get(id) };
  }
  const prepared: PreparedBatch = { rows: [], kept: [], rejects: [] };
  for (const record of records) {
    const result = spec.validate(record.raw, lookups);
    if (isRowProblems(result)) {
      prepared.rejects.push({
        line: record.line,
        column: result.map((p) => p.column).join("|"),
        reason: result.map((p) => p.reason).join("; "),
        values: record.values,
      });
    } else {
      prepared.rows.push(result as ImportRow);
      prepared.kept.push(record);
    }
  }
  return prepared;
}

/**
 * Commits the good rows of a prepared batch in one transaction; repeats of an id seen
 * earlier in the same import join the rejects. `position` names what `line` counts.
 */
export async function commitBatch(options: {
  writer: BulkWriter;
  spec: KindSpec<ImportRow>;
  batch: PreparedBatch;
  position?: "line" | "record";
}): Promise<BatchResult> {
  const { writer, spec, batch, position = "line" } = options;
  const outcome: BatchOutcome = await writer.writeBatch(
    batch.rows,
    batch.kept.map((r) => r.line),
  );
  const rejects = [...batch.rejects];
  for (const d of outcome.duplicates) {
    const record = batch.kept[d.index];
    rejects.push({
      line: record.line,
      column: spec.contract.idColumn,
      reason:
        position === "line"
          ? `duplicate id within the file: first seen on line ${d.firstLine}`
          : `duplicate id within the request: first seen at record ${d.firstLine}`,
      values: record.values,
    });
  }
  rejects.sort((a, b) => a.line - b.line);
  return {
    new: outcome.inserted,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    rejects,
    changedIds: outcome.changedIds,
  };
}
