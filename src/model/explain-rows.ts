import { encodeTable, encodeValue, locateColumns, referenceValue } from "./encode-table.ts";
import { blockWidth, type PreprocessingSpec } from "./fit-preprocessor.ts";
import type { Matrix, RawValue, Table } from "./types.ts";

/** One reason a row scores high: resetting `feature` to `reference` would lower the probability by `delta`. */
export interface Driver {
  feature: string;
  /** The row's own value. */
  value: RawValue;
  /** Training median (numeric) or mode (categorical). */
  reference: RawValue;
  /** Probability with the row's value minus probability with the reference value (> 0: pushes risk up). */
  delta: number;
}

export interface RowExplanation {
  probability: number;
  /** Features pushing risk up, largest first, at most `topK`. */
  drivers: Driver[];
}

export interface ExplainRowsOptions {
  spec: PreprocessingSpec;
  table: Table;
  /** Calibrated churn probabilities for an encoded matrix. */
  score: (x: Matrix) => ArrayLike<number>;
  topK?: number;
  /** Cap on encoded cells scored at once (memory bound). Default 4M. */
  maxCells?: number;
}

/**
 * Per-row top drivers: for each row and feature, the drop in predicted probability when that
 * feature (its whole one-hot / bin block) is replaced by its training reference value.
 */
export function explainRows({ spec, table, score, topK = 3, maxCells = 4_000_000 }: ExplainRowsOptions): RowExplanation[] {
  const positions = locateColumns(spec, table);
  const features = spec.features;
  const width = spec.width;
  const references = features.map((f) => {
    const block = new Float32Array(blockWidth(f));
    encodeValue(f, referenceValue(f), block, 0);
    return block;
  });
  const variants = features.length + 1;
  const chunk = Math.max(1, Math.floor(maxCells / (variants * width)));
  const result: RowExplanation[] = [];
  for (let start = 0; start < table.rows.length; start += chunk) {
    const rows = Int32Array.from({ length: Math.min(chunk, table.rows.length - start) }, (_, k) => start + k);
    const base = encodeTable(spec, table, rows);
    const data = new Float32Array(rows.length * variants * width);
    for (let r = 0; r < rows.length; r++) {
      const original = base.data.subarray(r * width, (r + 1) * width);
      for (let v = 0; v < variants; v++) {
        const at = (r * variants + v) * width;
        data.set(original, at);
        if (v > 0) data.set(references[v - 1], at + spec.offsets[v - 1]);
      }
    }
    const p = score({ data, rows: rows.length * variants, cols: width });
    for (let r = 0; r < rows.length; r++) {
      const probability = p[r * variants];
      const drivers: Driver[] = [];
      features.forEach((f, i) => {
        const delta = probability - p[r * variants + i + 1];
        if (delta > 1e-6) drivers.push({ feature: f.name, value: table.rows[rows[r]][positions[i]], reference: referenceValue(f), delta });
      });
      drivers.sort((a, b) => b.delta - a.delta);
      result.push({ probability, drivers: drivers.slice(0, topK) });
    }
  }
  return result;
}
