/** One raw cell as read from a CSV or a database row. */
export type RawValue = string | number | boolean | null | undefined;

/** One raw row keyed by column name. */
export type RawRow = Record<string, RawValue>;

/** A row-major table: `rows[i][j]` is the value of `columns[j]` in row i. */
export interface Table {
  columns: string[];
  rows: RawValue[][];
}

/** A dense row-major matrix of encoded features. */
export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

/** Per-epoch progress reported while training. */
export interface TrainProgress {
  /** Which candidate is training, e.g. "lr" or "mlp#0". */
  candidate: string;
  /** Epochs trained, or trees grown for boosted trees (`unit`). */
  epoch: number;
  unit?: "epoch" | "trees";
  /** Mean weighted training loss of the epoch. */
  loss: number;
  /** ROC-AUC on the validation rows after the epoch. */
  valAuc: number;
}

export type ProgressCallback = (progress: TrainProgress) => void;

/** The model kinds Retain trains: logistic regression, MLP, neighbour vote, boosted trees, a blend of several. */
export const ModelKind = { Lr: "lr", Mlp: "mlp", Knn: "knn", Trees: "gbdt", Blend: "blend" } as const;
export type ModelKind = (typeof ModelKind)[keyof typeof ModelKind];

/** Converts an array of row objects to a Table (columns from the union of keys, in first-seen order). */
export function tableFromRows(rows: readonly RawRow[]): Table {
  const index = new Map<string, number>();
  for (const row of rows) for (const key of Object.keys(row)) if (!index.has(key)) index.set(key, index.size);
  const columns = [...index.keys()];
  return { columns, rows: rows.map((row) => columns.map((c) => row[c])) };
}

/** Returns `input` as a Table whether it is one already or an array of row objects. */
export function asTable(input: Table | readonly RawRow[]): Table {
  return Array.isArray(input) ? tableFromRows(input as readonly RawRow[]) : (input as Table);
}
