import { dayToIsoDate } from "../db/index.ts";
import { CATEGORICAL_FEATURES, featureColumns } from "./feature-columns.ts";

/**
 * Feature snapshots of many (customer, as-of date) rows, column by column: typed arrays for
 * numbers (NaN = missing), arrays for categories (null = missing). Rows are ordered by as-of
 * day, then customer id.
 */
export interface SnapshotFrame {
  horizonDays: number;
  metrics: string[];
  /** featureColumns(metrics): every feature, in catalogue order. */
  columns: string[];
  size: number;
  customerId: Int32Array;
  externalId: string[];
  asOfDay: Int32Array;
  /** 1 churned within the horizon after T, 0 stayed through it, −1 not known yet. */
  label: Int8Array;
  mrr: Float64Array;
  numeric: Map<string, Float64Array>;
  categorical: Map<string, (string | null)[]>;
}

/** A frame of `size` rows, every feature missing, ready to be filled. */
export function createSnapshotFrame(options: { horizonDays: number; metrics: string[]; size: number }): SnapshotFrame {
  const { horizonDays, metrics, size } = options;
  const columns = featureColumns(metrics);
  const numeric = new Map<string, Float64Array>();
  const categorical = new Map<string, (string | null)[]>();
  for (const c of columns) {
    if (CATEGORICAL_FEATURES.has(c)) categorical.set(c, new Array<string | null>(size).fill(null));
    else numeric.set(c, new Float64Array(size).fill(NaN));
  }
  return {
    horizonDays,
    metrics,
    columns,
    size,
    customerId: new Int32Array(size),
    externalId: new Array<string>(size),
    asOfDay: new Int32Array(size),
    label: new Int8Array(size).fill(-1),
    mrr: new Float64Array(size),
    numeric,
    categorical,
  };
}

/** The value of a feature in a frame row: NaN becomes null. */
export type SnapshotValue = number | string | null;

// Column arrays in column order, looked up once per frame rather than once per value.
const sourcesOf = new WeakMap<SnapshotFrame, (Float64Array | (string | null)[])[]>();

/** The frame's column arrays in `frame.columns` order. */
export function snapshotSources(frame: SnapshotFrame): (Float64Array | (string | null)[])[] {
  let sources = sourcesOf.get(frame);
  if (!sources) {
    sources = frame.columns.map((c) => frame.numeric.get(c) ?? frame.categorical.get(c)!);
    sourcesOf.set(frame, sources);
  }
  return sources;
}

/** A stored cell as a feature value: a missing number (NaN) is null. */
export function cellValue(v: number | string | null): SnapshotValue {
  return typeof v === "number" && Number.isNaN(v) ? null : v;
}

/** Row i's label: 1 / 0, or null while unknown. */
export function snapshotLabel(frame: SnapshotFrame, i: number): 0 | 1 | null {
  return frame.label[i] < 0 ? null : (frame.label[i] as 0 | 1);
}

/**
 * Row i as a flat record: customer_id (the external id), as_of (YYYY-MM-DD), every feature
 * (NaN → null) and churned (null while unknown). What CSV output, drivers and the trainer read.
 */
export function snapshotRecord(frame: SnapshotFrame, i: number): Record<string, SnapshotValue> {
  const sources = snapshotSources(frame);
  const record: Record<string, SnapshotValue> = {
    customer_id: frame.externalId[i],
    as_of: dayToIsoDate(frame.asOfDay[i]),
  };
  for (let j = 0; j < sources.length; j++) record[frame.columns[j]] = cellValue(sources[j][i]);
  record.churned = snapshotLabel(frame, i);
  return record;
}
