import type { FeatureCustomer } from "../db/repositories/feature-sources.ts";
import type { SnapshotFrame } from "./snapshot-frame.ts";

const MS_PER_DAY = 86_400_000;

/** Which customer is in which row at which as-of date. */
export interface SnapshotRows {
  /** The customers with at least one row, sorted by id. */
  customers: FeatureCustomer[];
  /** rowOf[c * dates + j]: the row of customer c at the j-th as-of day, −1 when not a customer then. */
  rowOf: Int32Array;
  size: number;
}

/** Whether the customer is a customer at day T: signed up before T, not churned on or before T. */
export function isCustomerAt(c: FeatureCustomer, day: number): boolean {
  const t = day * MS_PER_DAY;
  return c.signupMs < t && (c.churnMs === null || c.churnMs > t);
}

/**
 * A deterministic number in [0, 1) per external id and seed (FNV-1a, then murmur's finaliser):
 * the same customers are sampled at every date and in every database holding them.
 */
export function sampleHash(externalId: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < externalId.length; i++) h = Math.imul(h ^ externalId.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/**
 * The rows of a snapshot build: for each as-of day (ascending), each (sampled) customer who is
 * a customer then, in id order. Customers in no row are dropped, so nothing is read for them.
 */
export function planSnapshotRows(options: {
  customers: FeatureCustomer[];
  asOfDays: Int32Array;
  sampleFraction: number;
  seed: number;
}): SnapshotRows {
  const { asOfDays, sampleFraction, seed } = options;
  const sampled =
    sampleFraction >= 1
      ? options.customers
      : options.customers.filter((c) => sampleHash(c.externalId, seed) < sampleFraction);
  const customers = sampled.filter((c) => asOfDays.some((d) => isCustomerAt(c, d)));
  const dates = asOfDays.length;
  const rowOf = new Int32Array(customers.length * dates).fill(-1);
  let size = 0;
  for (let j = 0; j < dates; j++) {
    for (let c = 0; c < customers.length; c++)
      if (isCustomerAt(customers[c], asOfDays[j])) rowOf[c * dates + j] = size++;
  }
  return { customers, rowOf, size };
}

/**
 * Fills each row's identity, MRR and label: 1 when the customer churned within `horizonDays`
 * after T, 0 when they stayed and T + horizon ≤ dataEndDay, −1 (unknown) otherwise.
 */
export function writeRowIdentities(options: {
  frame: SnapshotFrame;
  rows: SnapshotRows;
  asOfDays: Int32Array;
  dataEndDay: number | null;
}): void {
  const { frame, rows, asOfDays, dataEndDay } = options;
  const dates = asOfDays.length;
  rows.customers.forEach((c, ci) => {
    const churnDay = c.churnMs === null ? null : Math.floor(c.churnMs / MS_PER_DAY);
    for (let j = 0; j < dates; j++) {
      const r = rows.rowOf[ci * dates + j];
      if (r < 0) continue;
      const end = asOfDays[j] + frame.horizonDays;
      frame.customerId[r] = c.id;
      frame.externalId[r] = c.externalId;
      frame.asOfDay[r] = asOfDays[j];
      frame.mrr[r] = c.mrr;
      frame.label[r] = churnDay !== null && churnDay <= end ? 1 : dataEndDay !== null && end <= dataEndDay ? 0 : -1;
    }
  });
}
