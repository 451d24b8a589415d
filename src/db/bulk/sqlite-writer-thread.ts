import { parentPort, workerData } from "node:worker_threads";
import type { ImportKind } from "../../ingest/contract.ts";
import type { ImportRow } from "../import-rows.ts";
import { SqliteBulkWriter } from "./sqlite-bulk-writer.ts";
import { TABLE_SPECS } from "./table-specs.ts";
import { decodeUsage, type UsageColumns } from "./usage-columns.ts";

/** The body of the writer thread: one SqliteBulkWriter, fed batch by batch by the import. */
const { path, kind } = workerData as { path: string; kind: ImportKind };
const writer = new SqliteBulkWriter(path, TABLE_SPECS[kind]);

parentPort!.on("message", async (message: { id: number; rows?: ImportRow[]; lines?: number[]; usage?: UsageColumns; close?: boolean }) => {
  if (message.close) {
    await writer.close();
    parentPort!.postMessage({ id: message.id, closed: true });
    return;
  }
  try {
    const { rows, lines } = message.usage ? decodeUsage(message.usage) : { rows: message.rows!, lines: message.lines! };
    const outcome = await writer.writeBatch(rows, lines);
    parentPort!.postMessage({ id: message.id, outcome });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
