import { parentPort, workerData } from "node:worker_threads";
import { rowReader, type PackedRows } from "./packed-rows.ts";
import { SqliteBulkWriter } from "./sqlite-bulk-writer.ts";
import { TABLE_SPECS, type BulkTable } from "./table-specs.ts";

/** The body of the writer thread: one SqliteBulkWriter, fed batch by batch by the import. */
const { path, kind } = workerData as { path: string; kind: BulkTable };
const writer = new SqliteBulkWriter(path, TABLE_SPECS[kind]);

parentPort!.on("message", async (message: { id: number; packed?: PackedRows; close?: boolean }) => {
  if (message.close) {
    await writer.close();
    parentPort!.postMessage({ id: message.id, closed: true });
    return;
  }
  try {
    const packed = message.packed!;
    const outcome = writer.writeRows(packed.count, rowReader(packed), packed.lines);
    parentPort!.postMessage({ id: message.id, outcome });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
