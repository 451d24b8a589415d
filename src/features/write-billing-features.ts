import type { Database } from "../db/index.ts";
import { eachPaymentFailure } from "../db/repositories/billing-events.ts";
import { PAYMENT_FAILURE_DAYS } from "./feature-columns.ts";
import type { SnapshotRows } from "./plan-snapshot-rows.ts";
import type { SnapshotFrame } from "./snapshot-frame.ts";

const DAY = 86_400_000;

/**
 * failed_payment_30d of every row: 1 when a matched invoice.payment_failed happened in
 * [T − 30 days, T), else 0 (a customer without billing events has had no failed payment).
 * One read of the failures from 30 days before the first T to the last T.
 */
export async function writeBillingFeatures(options: {
  db: Database;
  frame: SnapshotFrame;
  rows: SnapshotRows;
  asOfDays: Int32Array;
  customerIndex: Map<number, number>;
}): Promise<void> {
  const { db, frame, rows, asOfDays, customerIndex } = options;
  const failed = frame.numeric.get("failed_payment_30d")!;
  const window = PAYMENT_FAILURE_DAYS * DAY;
  const failures = new Map<number, number[]>();
  await eachPaymentFailure(
    db,
    { fromMs: asOfDays[0] * DAY - window, toMs: asOfDays[asOfDays.length - 1] * DAY },
    (customerId, atMs) => {
      const ci = customerIndex.get(customerId);
      if (ci !== undefined) failures.set(ci, [...(failures.get(ci) ?? []), atMs]);
    },
  );
  const dates = asOfDays.length;
  for (let ci = 0; ci < rows.customers.length; ci++) {
    const times = failures.get(ci);
    for (let j = 0; j < dates; j++) {
      const r = rows.rowOf[ci * dates + j];
      if (r < 0) continue;
      const T = asOfDays[j] * DAY;
      failed[r] = times?.some((at) => at >= T - window && at < T) ? 1 : 0;
    }
  }
}
