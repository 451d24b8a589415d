import type { ImportRow } from "../import-rows.ts";

/** What one batch did: counts, and the rows refused as repeats of an earlier row of the same import. */
export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Index in the batch, and the line where the same id was first seen. */
  duplicates: { index: number; firstLine: number }[];
  /** Internal ids of tickets this batch inserted or changed (for follow-up triggers). */
  changedIds: number[];
}

/**
 * Upserts validated rows of one kind, a batch per transaction: a batch is committed whole
 * or not at all, so a killed import leaves no half-written batch. Rows repeating an id seen
 * earlier in the same import are refused, never applied twice.
 */
export interface BulkWriter {
  writeBatch(rows: ImportRow[], lines: number[]): Promise<BatchOutcome>;
  close(): Promise<void>;
}

export function emptyOutcome(): BatchOutcome {
  return { inserted: 0, updated: 0, unchanged: 0, duplicates: [], changedIds: [] };
}
