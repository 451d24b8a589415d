import type { Matrix } from "./types.ts";

/** Copies the given rows of a matrix into a new contiguous matrix. */
export function gatherRows(x: Matrix, rows: ArrayLike<number>): Matrix {
  const data = new Float32Array(rows.length * x.cols);
  for (let k = 0; k < rows.length; k++) data.set(x.data.subarray(rows[k] * x.cols, (rows[k] + 1) * x.cols), k * x.cols);
  return { data, rows: rows.length, cols: x.cols };
}
