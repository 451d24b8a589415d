import type { ImportKind } from "../../ingest/contract.ts";
import type { Database } from "../database.ts";
import type { BulkWriter } from "./bulk-writer.ts";
import { PostgresBulkWriter } from "./postgres-bulk-writer.ts";
import { SqliteBulkWriter } from "./sqlite-bulk-writer.ts";
import { TABLE_SPECS } from "./table-specs.ts";

export type { BatchOutcome, BulkWriter } from "./bulk-writer.ts";

/** A bulk upserter for one kind of record on the open database. */
export async function openBulkWriter(db: Database, kind: ImportKind): Promise<BulkWriter> {
  const spec = TABLE_SPECS[kind];
  if (db.driver.sqlite) return new SqliteBulkWriter(db.driver.sqlite.name, spec);
  return PostgresBulkWriter.open(db.driver.pool!, spec);
}
