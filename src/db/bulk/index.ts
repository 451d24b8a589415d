import type { Database } from "../database.ts";
import type { BulkWriter } from "./bulk-writer.ts";
import { PostgresBulkWriter } from "./postgres-bulk-writer.ts";
import { SqliteBulkWriter } from "./sqlite-bulk-writer.ts";
import { ThreadedSqliteBulkWriter } from "./threaded-sqlite-bulk-writer.ts";
import { TABLE_SPECS, type BulkTable } from "./table-specs.ts";

export type { BatchOutcome, BulkWriter } from "./bulk-writer.ts";
export type { BulkTable } from "./table-specs.ts";

/**
 * A bulk upserter for one kind of record on the open database. `threaded` (for big files)
 * moves SQLite writes to a thread of their own; small requests stay in this thread.
 */
export async function openBulkWriter(
  db: Database,
  kind: BulkTable,
  options: { threaded?: boolean } = {},
): Promise<BulkWriter> {
  const spec = TABLE_SPECS[kind];
  if (db.driver.sqlite) {
    const path = db.driver.sqlite.name;
    return options.threaded ? new ThreadedSqliteBulkWriter(path, kind) : new SqliteBulkWriter(path, spec);
  }
  return PostgresBulkWriter.open(db.driver.pool!, spec);
}
