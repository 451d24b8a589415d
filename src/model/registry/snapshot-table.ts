import type { Database } from "../../db/index.ts";
import { dayToIsoDate } from "../../db/index.ts";
import {
  buildFeatureSnapshots,
  cellValue,
  featureCatalogue,
  ID_COLUMNS,
  LABEL_COLUMN,
  snapshotLabel,
  snapshotSources,
} from "../../features/index.ts";
import type { RawValue, Table } from "../types.ts";

/**
 * Feature snapshots at many as-of dates (one pass over the data) as the trainer's table:
 * customer_id, as_of, every feature, churned (1 / 0, null when unknown), and each row's as-of day.
 */
export async function snapshotTable(options: {
  db: Database;
  asOfDays: number[];
  horizonDays: number;
  dataEndDay: number;
  usageStartDay?: number | null;
  sampleFraction?: number;
  seed?: number;
}): Promise<{ table: Table; asOfDay: Int32Array; metrics: string[] }> {
  const frame = await buildFeatureSnapshots(options);
  const columns = [...ID_COLUMNS, ...frame.columns, LABEL_COLUMN];
  const sources = snapshotSources(frame);
  const dates = new Map<number, string>();
  const rows: RawValue[][] = new Array(frame.size);
  for (let i = 0; i < frame.size; i++) {
    const day = frame.asOfDay[i];
    let iso = dates.get(day);
    if (!iso) {
      iso = dayToIsoDate(day);
      dates.set(day, iso);
    }
    const row: RawValue[] = new Array(columns.length);
    row[0] = frame.externalId[i];
    row[1] = iso;
    for (let j = 0; j < sources.length; j++) row[j + 2] = cellValue(sources[j][i]);
    row[columns.length - 1] = snapshotLabel(frame, i);
    rows[i] = row;
  }
  return { table: { columns, rows }, asOfDay: frame.asOfDay, metrics: frame.metrics };
}

/** Each feature's direction from the catalogue (+1 raises risk, −1 lowers it), for the trees' monotone constraints. */
export function catalogueDirections(metrics: readonly string[]): Map<string, number> {
  return new Map(
    featureCatalogue(metrics)
      .filter((f) => f.direction !== 0)
      .map((f) => [f.name, f.direction]),
  );
}
