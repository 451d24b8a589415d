import type { Database } from "../db/index.ts";
import { dayToIsoDate } from "../db/index.ts";
import { buildFeatureSnapshots } from "./build-feature-snapshots.ts";
import { ID_COLUMNS, LABEL_COLUMN } from "./feature-columns.ts";
import { cellValue, snapshotLabel, snapshotSources } from "./snapshot-frame.ts";

export type FeatureValue = number | string | null;

/** One customer at one as-of date: identity, features, and the label when it is known. */
export interface FeatureRow {
  customerId: number;
  externalId: string;
  asOfDay: number;
  /** 1 churned within the horizon after T, 0 stayed through it, null not known yet. */
  label: 0 | 1 | null;
  mrr: number;
  /** Every feature column; null where the catalogue says missing. */
  values: Record<string, FeatureValue>;
}

export interface FeatureFrame {
  asOfDay: number;
  horizonDays: number;
  metrics: string[];
  columns: string[];
  rows: FeatureRow[];
}

/**
 * The feature frame at as-of day T as row objects: one row per customer who is a customer at
 * T, features from data dated before T only, and the label "churned within `horizonDays`
 * after T" where `dataEndDay` shows the horizon has passed. buildFeatureSnapshots for one date.
 */
export async function buildFeatureFrame(options: {
  db: Database;
  asOfDay: number;
  horizonDays?: number;
  /** The last day data is known for (default: the last usage day); later labels are null. */
  dataEndDay?: number | null;
}): Promise<FeatureFrame> {
  const { db, asOfDay, horizonDays = 90, dataEndDay } = options;
  const frame = await buildFeatureSnapshots({ db, asOfDays: [asOfDay], horizonDays, dataEndDay });
  const sources = snapshotSources(frame);
  const rows = Array.from({ length: frame.size }, (_, i): FeatureRow => {
    const values: Record<string, FeatureValue> = {};
    for (let j = 0; j < frame.columns.length; j++) values[frame.columns[j]] = cellValue(sources[j][i]);
    return {
      customerId: frame.customerId[i],
      externalId: frame.externalId[i],
      asOfDay,
      label: snapshotLabel(frame, i),
      mrr: frame.mrr[i],
      values,
    };
  });
  return {
    asOfDay,
    horizonDays,
    metrics: frame.metrics,
    columns: [...ID_COLUMNS, ...frame.columns, LABEL_COLUMN],
    rows,
  };
}

/** A frame row as a flat record (ids, features, label), e.g. for CSV or a data frame. */
export function flattenFeatureRow(row: FeatureRow): Record<string, FeatureValue> {
  return { customer_id: row.externalId, as_of: dayToIsoDate(row.asOfDay), ...row.values, churned: row.label };
}
