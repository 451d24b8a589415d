import type { Cell } from "./table-specs.ts";

/**
 * One batch of rows as columns, for the writer thread: numbers in typed arrays (moved, not
 * copied), repetitive text (metric names, channels, statuses) as a dictionary plus a code per
 * row, other text as a plain array. Passing that between threads costs a fraction of cloning
 * one object per row.
 */
export interface PackedRows {
  count: number;
  lines: Int32Array;
  columns: PackedColumn[];
}

/** Numbers with NaN for null (validated values are always finite), text codes with -1 for null, or plain text. */
type PackedColumn = { numbers: Float64Array } | { texts: string[]; codes: Int32Array } | { plain: Cell[] };

/** A text column with more distinct values than this is sent plain: hashing unique ids costs more than it saves. */
const maxDictionary = 1024;

function packColumn(rows: readonly Cell[][], c: number): PackedColumn {
  const n = rows.length;
  if (!rows.some((r) => typeof r[c] === "string")) {
    const numbers = new Float64Array(n);
    for (let i = 0; i < n; i++) numbers[i] = (rows[i][c] as number | null) ?? NaN;
    return { numbers };
  }
  const index = new Map<string, number>();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = rows[i][c];
    if (v === null) codes[i] = -1;
    else {
      let code = index.get(v as string);
      if (code === undefined) {
        if (index.size === maxDictionary) return { plain: rows.map((r) => r[c]) };
        code = index.size;
        index.set(v as string, code);
      }
      codes[i] = code;
    }
  }
  return { texts: [...index.keys()], codes };
}

export function packRows(rows: readonly Cell[][], lines: readonly number[]): PackedRows {
  const width = rows[0]?.length ?? 0;
  return {
    count: rows.length,
    lines: Int32Array.from(lines),
    columns: Array.from({ length: width }, (_, c) => packColumn(rows, c)),
  };
}

/** Copies row `i` of packed rows into `into` (a reused array: no allocation per row). */
export function rowReader(packed: PackedRows): (i: number, into: Cell[]) => void {
  const readers = packed.columns.map((column): ((i: number) => Cell) => {
    if ("numbers" in column) return (i) => (Number.isNaN(column.numbers[i]) ? null : column.numbers[i]);
    if ("plain" in column) return (i) => column.plain[i];
    return (i) => (column.codes[i] === -1 ? null : column.texts[column.codes[i]]);
  });
  return (i, into) => {
    for (let c = 0; c < readers.length; c++) into[c] = readers[c](i);
  };
}

/** The buffers to move (not copy) with postMessage. */
export function transferList(packed: PackedRows): ArrayBuffer[] {
  const buffers = packed.columns.flatMap((c) =>
    "numbers" in c ? [c.numbers.buffer] : "codes" in c ? [c.codes.buffer] : [],
  );
  return [packed.lines.buffer, ...buffers] as ArrayBuffer[];
}
