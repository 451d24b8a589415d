import { Cells, formatTable } from "./format-table.ts";

/** Calibration bins as a table: the probability range, rows, mean predicted and observed rate (2 decimals). */
export function formatCalibration(
  bins: readonly { lower: number; upper: number; count: number; meanPredicted: number; observedRate: number }[],
): string {
  return formatTable(bins, [
    { header: "predicted", value: (b) => `${b.lower.toFixed(2)}–${b.upper.toFixed(2)}` },
    { header: "rows", value: (b) => b.count, format: Cells.count },
    { header: "mean predicted", value: (b) => b.meanPredicted, format: Cells.fixed(2) },
    { header: "observed rate", value: (b) => b.observedRate, format: Cells.fixed(2) },
  ]);
}
