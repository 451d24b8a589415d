import { createHash } from "node:crypto";
import type { Table } from "./types.ts";

/** sha256 (hex) of a table's header and cells in order; identical data → identical fingerprint. */
export function fingerprintTable(table: Table): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(table.columns));
  for (const row of table.rows) hash.update("\n" + JSON.stringify(row));
  return hash.digest("hex");
}
