import { createHash } from "node:crypto";
import type { Table } from "./types.ts";

/**
 * sha256 (hex) of a table's header and cells in order; identical data → identical fingerprint.
 * Cells are hashed as tagged binary (numbers as float64), which is much faster than text.
 */
export function fingerprintTable(table: Table): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(table.columns));
  const buffer = Buffer.alloc(1 << 16);
  let at = 0;
  const flush = () => {
    hash.update(buffer.subarray(0, at));
    at = 0;
  };
  for (const row of table.rows) {
    if (at > buffer.length - 16 * (row.length + 1)) flush();
    buffer[at++] = 0x1e;
    for (const cell of row) {
      if (typeof cell === "number") {
        buffer[at++] = 1;
        at = buffer.writeDoubleLE(cell, at);
      } else if (typeof cell === "string") {
        const bytes = Buffer.from(cell, "utf8");
        if (at + bytes.length + 6 > buffer.length) flush();
        buffer[at++] = 2;
        at = buffer.writeUInt32LE(bytes.length, at);
        if (bytes.length > buffer.length - at) hash.update(bytes);
        else at += bytes.copy(buffer, at);
      } else buffer[at++] = cell === true ? 3 : cell === false ? 4 : 0;
    }
  }
  flush();
  return hash.digest("hex");
}
