import { AppError, ErrorCode } from "../errors.ts";
import { ColumnType } from "./infer-column-types.ts";
import {
  categoryIndexer,
  missingCategory,
  type FeatureSpec,
  type NumericSpec,
  type PreprocessingSpec,
} from "./fit-preprocessor.ts";
import { toCategory, toNumber } from "./parse-value.ts";
import type { Matrix, RawValue, Table } from "./types.ts";

/** Writes the encoded block of one feature value at `out[offset…]`. */
export function encodeValue(spec: FeatureSpec, value: RawValue, out: Float32Array, offset: number): void {
  if (spec.type === ColumnType.Categorical) {
    const key = toCategory(value) ?? missingCategory;
    const k = spec.categories.indexOf(key);
    const width = spec.categories.length + 1;
    for (let i = 0; i < width; i++) out[offset + i] = 0;
    const at = k < 0 ? spec.categories.length : k;
    out[offset + at] = 1;
    if (spec.ranks) out[offset + width] = spec.ranks[at];
    return;
  }
  encodeNumber(spec, toNumber(value), out, offset);
}

/** The encoded block of a numeric value (NaN = missing): scaled value, missing flag, piecewise-linear ramps. */
function encodeNumber(spec: NumericSpec, raw: number, out: Float32Array, offset: number): void {
  const { lo, hi, median, scale, indicator, edges } = spec;
  const missing = Number.isNaN(raw);
  const x = Math.min(hi, Math.max(lo, missing ? median : raw));
  let o = offset;
  out[o++] = (x - median) / scale;
  if (indicator) out[o++] = missing ? 1 : 0;
  for (let t = 0; t + 1 < edges.length; t++) {
    const v = (x - edges[t]) / (edges[t + 1] - edges[t]);
    out[o++] = v <= 0 ? 0 : Math.min(v, 1);
  }
}

/** The value a feature is reset to when explaining: training median or mode. */
export function referenceValue(spec: FeatureSpec): RawValue {
  if (spec.type === ColumnType.Numeric) return spec.median;
  return spec.mode === missingCategory ? null : spec.mode;
}

/** Column index of each spec feature in `table`; throws listing every column that is absent. */
export function locateColumns(spec: PreprocessingSpec, table: Table): number[] {
  const positions = spec.features.map((f) => table.columns.indexOf(f.name));
  const absent = spec.features.filter((_, i) => positions[i] < 0).map((f) => f.name);
  if (absent.length > 0) {
    throw new AppError(
      ErrorCode.BadInput,
      `expected the model's feature columns, found these missing: ${absent.join(", ")}`,
      { absent },
    );
  }
  return positions;
}

/** Encodes every row of `table` (or the given row indices) into the model's input matrix. */
export function encodeTable(spec: PreprocessingSpec, table: Table, rows?: ArrayLike<number>): Matrix {
  const positions = locateColumns(spec, table);
  const n = rows ? rows.length : table.rows.length;
  const cols = spec.width;
  const data = new Float32Array(n * cols);
  // Feature-major loops keep each inner loop monomorphic; this runs over every cell.
  spec.features.forEach((f, i) => {
    const j = positions[i];
    const offset = spec.offsets[i];
    if (f.type === ColumnType.Categorical) {
      const indexOf = categoryIndexer(f.categories);
      const other = f.categories.length;
      for (let r = 0; r < n; r++) {
        const at = indexOf(table.rows[rows ? rows[r] : r][j]);
        data[r * cols + offset + at] = 1;
        if (f.ranks) data[r * cols + offset + other + 1] = f.ranks[at];
      }
      return;
    }
    for (let r = 0; r < n; r++) {
      const cell = table.rows[rows ? rows[r] : r][j];
      encodeNumber(
        f,
        typeof cell === "number" && Number.isFinite(cell) ? cell : toNumber(cell),
        data,
        r * cols + offset,
      );
    }
  });
  return { data, rows: n, cols };
}
