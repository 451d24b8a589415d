import { createWriteStream, renameSync, rmSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { ID_COLUMNS, LABEL_COLUMN } from "./feature-columns.ts";
import { snapshotRecord, type SnapshotFrame } from "./snapshot-frame.ts";

/**
 * The frame as CSV: customer_id, as_of, every feature, churned; a missing value is an empty
 * field. Streamed to a temporary file renamed at the end, so a crash leaves no half-written
 * file under the name asked for.
 */
export async function writeSnapshotsCsv(options: { file: string; frame: SnapshotFrame }): Promise<void> {
  const { file, frame } = options;
  const columns = [...ID_COLUMNS, ...frame.columns, LABEL_COLUMN];
  function* records() {
    for (let i = 0; i < frame.size; i++) {
      const record = snapshotRecord(frame, i);
      yield columns.map((c) => record[c] ?? "");
    }
  }
  const partial = `${file}.partial`;
  try {
    await pipeline(Readable.from(records()), stringify({ header: true, columns }), createWriteStream(partial));
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
