import type { Database } from "../db/database.ts";
import type { BulkWriter } from "../db/bulk/index.ts";
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

export interface BatchResult {
  new: number;
  updated: number;
  unchanged: number;
  rejects: Reject[];
  /** Internal ids of tickets inserted or changed. */
  changedIds: number[];
}

/**
 * Validates a batch, commits the good rows in one transaction and returns the rest as
 * rejects. Shared by CSV import and HTTP ingest, so both apply the same rules.
 */
export async function writeBatch(options: {
  db: Database;
  spec: KindSpec<any>;
  writer: BulkWriter;
  lookups: Lookups;
  records: IncomingRecord[];
  /** What `line` counts, in messages: CSV lines, or indexes of records in a JSON array. */
  position?: "line" | "record";
}): Promise<BatchResult> {
  const { db, spec, writer, records, position = "line" } = options;
  let lookups = options.lookups;
  if (spec.kind === "surveys") {
    const refs = records.map((r) => r.raw.ticket_id).filter((t): t is string => typeof t === "string" && t.trim() !== "");
    const tickets = await findTicketsByExternalId(db, refs.map((t) => t.trim()));
    lookups = { ...lookups, ticket: (id) => tickets.get(id) };
  }
  const rejects: Reject[] = [];
  const rows: ImportRow[] = [];
  const kept: IncomingRecord[] = [];
  for (const record of records) {
    const result = spec.validate(record.raw, lookups);
    if (isRowProblems(result)) {
      rejects.push({
        line: record.line,
        column: result.map((p) => p.column).join("|"),
        reason: result.map((p) => p.reason).join("; "),
        values: record.values,
      });
    } else {
      rows.push(result as ImportRow);
      kept.push(record);
    }
  }
  const outcome = await writer.writeBatch(rows, kept.map((r) => r.line));
  for (const d of outcome.duplicates) {
    const record = kept[d.index];
    rejects.push({
      line: record.line,
      column: spec.contract.idColumn,
      reason: position === "line" ? `duplicate id within the file: first seen on line ${d.firstLine}` : `duplicate id within the request: first seen at record ${d.firstLine}`,
      values: record.values,
    });
  }
  rejects.sort((a, b) => a.line - b.line);
  return { new: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged, rejects, changedIds: outcome.changedIds };
}
