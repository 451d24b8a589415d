import { ColumnType } from "./infer-column-types.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import type { Matrix } from "./types.ts";

/**
 * Per-feature codes of encoded rows, for matching rows feature by feature: the category of a
 * categorical feature; the piecewise-linear bin of a numeric one (below / at / above the median
 * when it has no bins); an extra last code for a missing value. Read from the encoded matrix, so
 * explanations and permutation importance (which edit encoded blocks) change codes consistently.
 */
export interface MatchCodes {
  /** rows × features, row-major. */
  codes: Uint16Array;
  rows: number;
  /** Number of possible codes of each feature. */
  sizes: number[];
}

/** Number of possible codes of each feature of `spec`. */
export function codeSizes(spec: PreprocessingSpec): number[] {
  return spec.features.map((f) =>
    f.type === ColumnType.Categorical
      ? f.categories.length + 1
      : (f.edges.length > 0 ? f.edges.length : 3) + (f.indicator ? 1 : 0),
  );
}

/** The match code of every feature of every row of `x` (encoded with `spec`). */
export function matchCodes(spec: PreprocessingSpec, x: Matrix): MatchCodes {
  const sizes = codeSizes(spec);
  const nf = spec.features.length;
  const codes = new Uint16Array(x.rows * nf);
  for (let r = 0; r < x.rows; r++) {
    const row = x.data.subarray(r * x.cols, (r + 1) * x.cols);
    spec.features.forEach((f, i) => {
      const o = spec.offsets[i];
      let code = 0;
      if (f.type === ColumnType.Categorical) {
        for (let k = 1; k <= f.categories.length; k++) if (row[o + k] > row[o + code]) code = k;
      } else if (f.indicator && row[o + 1] === 1) {
        code = sizes[i] - 1;
      } else if (f.edges.length > 0) {
        // A bin column is 1 when the value is at or above the bin's upper edge.
        const first = o + 1 + (f.indicator ? 1 : 0);
        for (let t = 0; t + 1 < f.edges.length; t++) if (row[first + t] >= 1) code++;
      } else {
        code = Math.sign(row[o]) + 1;
      }
      codes[r * nf + i] = code;
    });
  }
  return { codes, rows: x.rows, sizes };
}

/** One-hot matrix (rows × Σ sizes) of the given rows' codes: the dot product of two rows counts the features they share. */
export function oneHotCodes({ codes, sizes }: MatchCodes, rows: ArrayLike<number>): Matrix {
  const nf = sizes.length;
  const starts = sizes.map((_, i) => sizes.slice(0, i).reduce((s, v) => s + v, 0));
  const cols = sizes.reduce((s, v) => s + v, 0);
  const data = new Float32Array(rows.length * cols);
  for (let k = 0; k < rows.length; k++)
    for (let i = 0; i < nf; i++) data[k * cols + starts[i] + codes[rows[k] * nf + i]] = 1;
  return { data, rows: rows.length, cols };
}

/** The feature of each column of oneHotCodes' matrix. */
export function columnFeatures(sizes: readonly number[]): number[] {
  return sizes.flatMap((size, i) => Array<number>(size).fill(i));
}
