import { toCategory, toNumber } from "./parse-value.ts";
import type { Table } from "./types.ts";

/** How a kept column is encoded. */
export const ColumnType = { Numeric: "numeric", Categorical: "categorical" } as const;
export type ColumnType = (typeof ColumnType)[keyof typeof ColumnType];

/** Why a column is not used as a feature. */
export const DropReason = {
  Label: "label",
  Id: "id",
  Constant: "constant",
  Empty: "empty",
  HighCardinality: "high-cardinality",
  Excluded: "excluded",
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

export interface FeatureColumn {
  name: string;
  type: ColumnType;
}

export interface ColumnTyping {
  features: FeatureColumn[];
  dropped: { name: string; reason: DropReason }[];
}

export interface InferColumnTypesOptions {
  label: string;
  /** Customer id column; always dropped. Unique id-like columns are detected and dropped too. */
  id?: string;
  /** Other columns to leave out (e.g. as-of dates or group keys). */
  exclude?: string[];
  /** Share of non-missing cells that must parse as numbers for a numeric column. Default 0.98. */
  numericShare?: number;
  /** Text columns whose `maxCategories` most frequent values cover less than this share are dropped. Default 0.2. */
  minCoverage?: number;
  maxCategories?: number;
  /** Text columns with more distinct values than this share of rows (near-unique: names, ids) are dropped. Default 0.5. */
  maxDistinctShare?: number;
}

const idName = /(^id$|id$|_id$|key$|number$|^row|uuid|guid)/i;

/** Decides, from the data alone, which columns are numeric or categorical features and which to drop. */
export function inferColumnTypes(table: Table, options: InferColumnTypesOptions): ColumnTyping {
  const {
    label,
    id,
    exclude = [],
    numericShare = 0.98,
    minCoverage = 0.2,
    maxCategories = 64,
    maxDistinctShare = 0.5,
  } = options;
  const typing: ColumnTyping = { features: [], dropped: [] };
  const n = table.rows.length;
  const typeOf = (name: string, j: number): ColumnType | DropReason => {
    if (name === label) return DropReason.Label;
    if (name === id) return DropReason.Id;
    if (exclude.includes(name)) return DropReason.Excluded;
    // Numbers go to a typed array (distinct values counted after a sort), text to a Map: this
    // runs over every cell, and a Map keyed by numbers was most of its time.
    const numbers = new Float64Array(n);
    const texts = new Map<string, number>();
    let present = 0;
    let numeric = 0;
    let integer = true;
    let increasing = true;
    let previous = Number.NEGATIVE_INFINITY;
    for (const row of table.rows) {
      const cell = row[j];
      const x = typeof cell === "number" ? (Number.isFinite(cell) ? cell : Number.NaN) : toNumber(cell);
      if (Number.isNaN(x)) {
        const text = typeof cell === "number" ? null : toCategory(cell);
        if (text === null) continue;
        present++;
        texts.set(text, (texts.get(text) ?? 0) + 1);
        continue;
      }
      present++;
      numbers[numeric++] = x;
      if (!Number.isInteger(x)) integer = false;
      if (x <= previous) increasing = false;
      previous = x;
    }
    const counts = [...texts.values(), ...runLengths(numbers.subarray(0, numeric).sort())];
    if (present === 0) return DropReason.Empty;
    if (counts.length === 1 && present === n) return DropReason.Constant;
    const isNumeric = numeric / present >= numericShare;
    const unique = counts.length === n && present === n && n > 20;
    if (unique && (!isNumeric || (integer && (idName.test(name) || increasing)))) return DropReason.Id;
    if (isNumeric) return ColumnType.Numeric;
    const top = counts.sort((a, b) => b - a).slice(0, maxCategories);
    const coverage = top.reduce((s, c) => s + c, 0) / present;
    if (counts.length / present > maxDistinctShare || coverage < minCoverage) return DropReason.HighCardinality;
    return ColumnType.Categorical;
  };
  for (const [j, name] of table.columns.entries()) {
    const type = typeOf(name, j);
    if (type === ColumnType.Numeric || type === ColumnType.Categorical) typing.features.push({ name, type });
    else typing.dropped.push({ name, reason: type });
  }
  return typing;
}

/** How many times each distinct value occurs in sorted values. */
function runLengths(sorted: Float64Array): number[] {
  const runs: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    let k = i + 1;
    while (k < sorted.length && sorted[k] === sorted[i]) k++;
    runs.push(k - i);
    i = k;
  }
  return runs;
}
