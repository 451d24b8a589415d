import { NEW_CUSTOMER_DAYS } from "./feature-columns.ts";
import type { SnapshotRows } from "./plan-snapshot-rows.ts";
import { billingCycle, daysToRenewal } from "./renewal.ts";
import type { SnapshotFrame } from "./snapshot-frame.ts";

const MS_PER_DAY = 86_400_000;

/**
 * A customer's renewal days, found with daysToRenewal and kept as they are found: as-of days
 * come in ascending order, so each renewal is computed once however many dates ask for it.
 */
class RenewalDays {
  private readonly days: number[] = [];
  private first = 0;

  constructor(
    private readonly signupMs: number,
    private readonly cycle: "monthly" | "annual",
  ) {}

  private after(day: number): number {
    return day + daysToRenewal(this.signupMs, day * MS_PER_DAY, this.cycle)!;
  }

  /** Index of the first renewal on or after `day` (days must not decrease between calls). */
  private indexFrom(day: number): number {
    if (this.days.length === 0) this.days.push(this.after(day));
    while (this.days[this.first] < day) {
      if (this.first === this.days.length - 1) this.days.push(this.after(this.days[this.first] + 1));
      this.first++;
    }
    return this.first;
  }

  /** Days from `day` to the next renewal and the number of renewals in [day, day + horizon). */
  at(day: number, horizonDays: number): { daysTo: number; inHorizon: number } {
    const i = this.indexFrom(day);
    let n = i;
    for (;;) {
      if (n === this.days.length) this.days.push(this.after(this.days[n - 1] + 1));
      if (this.days[n] >= day + horizonDays) break;
      n++;
    }
    return { daysTo: this.days[i] - day, inHorizon: n - i };
  }
}

/**
 * Plan, segment, billing cycle, MRR, tenure, new customer and the renewal features of every row.
 * Renewals are missing when the plan's cycle is unknown ("other").
 */
export function writeAccountFeatures(options: {
  frame: SnapshotFrame;
  rows: SnapshotRows;
  asOfDays: Int32Array;
}): void {
  const { frame, rows, asOfDays } = options;
  const cat = (name: string) => frame.categorical.get(name)!;
  const num = (name: string) => frame.numeric.get(name)!;
  const [plan, segment, cycleOf] = [cat("plan"), cat("segment"), cat("billing_cycle")];
  const [mrr, tenure, isNew, daysTo, inHorizon, renewals] = [
    "mrr",
    "tenure_days",
    "new_customer",
    "days_to_renewal",
    "renewal_in_horizon",
    "renewals_in_horizon",
  ].map(num);
  const dates = asOfDays.length;
  rows.customers.forEach((c, ci) => {
    const cycle = billingCycle(c.plan);
    const calendar = cycle === "other" ? null : new RenewalDays(c.signupMs, cycle);
    for (let j = 0; j < dates; j++) {
      const r = rows.rowOf[ci * dates + j];
      if (r < 0) continue;
      const day = asOfDays[j];
      plan[r] = c.plan;
      segment[r] = c.segment;
      cycleOf[r] = cycle;
      mrr[r] = c.mrr;
      tenure[r] = Math.floor((day * MS_PER_DAY - c.signupMs) / MS_PER_DAY);
      isNew[r] = tenure[r] < NEW_CUSTOMER_DAYS ? 1 : 0;
      if (!calendar) continue;
      const next = calendar.at(day, frame.horizonDays);
      daysTo[r] = next.daysTo;
      inHorizon[r] = next.inHorizon > 0 ? 1 : 0;
      renewals[r] = next.inHorizon;
    }
  });
}
