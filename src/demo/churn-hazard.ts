import type { CustomerProfile } from "./create-customer-profile.ts";
import { nextRenewalDay } from "./epoch-day.ts";
import type { Random } from "./random.ts";

/**
 * The churn model. Every day a customer may form the intent to leave, with a hazard that rises
 * steeply as effective health falls (health = usage-driving latent, attitude = NPS-visible
 * opinion, frustration = recent bad support). Monthly customers can decide any day; annual
 * customers only in the 120 days before a renewal. Intent is followed by a wind-down of usage
 * until the churn date, a renewal date (30–105 days later on monthly plans, up to 120 on annual
 * ones); some intents are saved. A small signal-free hazard (business closed, acquired) keeps
 * the problem noisy.
 */
export const CHURN_MODEL = {
  /** Daily intent hazard of a monthly customer at effective health 0, churn factor 1. */
  monthlyHazard: 0.0006,
  /** Same for an annual customer inside its renewal window. */
  annualHazard: 0.0009,
  renewalWindowDays: 120,
  /** Steepness: hazard × e^(-steepness · effective health). */
  steepness: 2.0,
  /** Extra hazard in the first 90 days of a monthly subscription. */
  newCustomerFactor: 1.5,
  ownedFactor: 0.85,
  /** Daily hazard of a sudden, signal-free churn. */
  suddenHazard: 0.00008,
  saveChance: 0.15,
} as const;

/** Today's intent hazard. `daysToRenewal` matters only for annual plans. */
export function churnHazard(options: {
  customer: CustomerProfile;
  effectiveHealth: number;
  ageDays: number;
  daysToRenewal: number;
}): number {
  const { customer, effectiveHealth, ageDays, daysToRenewal } = options;
  const m = CHURN_MODEL;
  let base: number;
  if (customer.plan.billingMonths === 1) {
    base = m.monthlyHazard * (ageDays < 90 ? m.newCustomerFactor : 1);
  } else if (daysToRenewal <= m.renewalWindowDays) {
    base = m.annualHazard;
  } else {
    return 0;
  }
  const owned = customer.ownerEmail === "" ? 1 : m.ownedFactor;
  return base * owned * customer.segment.churnFactor * Math.exp(-m.steepness * effectiveHealth);
}

/** What happens after intent forms on `day`: churn at a renewal after a wind-down, or a save. */
export interface ExitPlan {
  /** Churn day, or Infinity if the customer is saved. */
  readonly churnDay: number;
  /** Day usage stops declining and recovers (saved customers), else Infinity. */
  readonly saveDay: number;
  /** Share of usage gone by the churn day (0.4–0.95). */
  readonly depth: number;
}

/** Plans the exit of a customer whose intent formed on `day`; `nextRenewal` is its next renewal day. */
export function planExit(options: {
  customer: CustomerProfile;
  day: number;
  nextRenewal: number;
  rng: Random;
}): ExitPlan {
  const { customer, day, nextRenewal, rng } = options;
  const lead = rng.int(30, 75);
  const churnDay =
    customer.plan.billingMonths === 1
      ? nextRenewalDay({ signupDay: customer.signupDay, fromDay: day + lead, everyMonths: 1 })
      : nextRenewal;
  const depth = rng.uniform(0.4, 0.95);
  if (rng.chance(CHURN_MODEL.saveChance)) {
    return {
      churnDay: Infinity,
      saveDay: day + Math.max(7, Math.floor((churnDay - day) * rng.uniform(0.3, 0.8))),
      depth,
    };
  }
  return { churnDay, saveDay: Infinity, depth };
}

/** Churn day of a sudden exit on `day`: next monthly renewal, or within a month for annual plans. */
export function suddenChurnDay(options: { customer: CustomerProfile; day: number; rng: Random }): number {
  const { customer, day, rng } = options;
  return customer.plan.billingMonths === 1
    ? nextRenewalDay({ signupDay: customer.signupDay, fromDay: day + 1, everyMonths: 1 })
    : day + rng.int(1, 30);
}
