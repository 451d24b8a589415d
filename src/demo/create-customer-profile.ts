import { DEMO_DOMAIN, PLANS, SEGMENTS, TIME_ZONES, type PlanSpec, type SegmentSpec } from "./demo-catalog.ts";
import { Segment } from "./demo-contract.ts";
import { FIRST_NAMES, LAST_NAMES, companyName, slugify } from "./demo-text.ts";
import type { Random } from "./random.ts";

/** A customer's public attributes (what customers.csv shows) and its hidden traits. */
export interface CustomerProfile {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly segment: SegmentSpec;
  readonly plan: PlanSpec;
  readonly seats: number;
  /** Monthly recurring revenue in USD, two decimals. */
  readonly mrr: string;
  readonly signupDay: number;
  readonly timezone: string;
  readonly utcOffsetHours: number;
  /** CSM email, or "" for unowned accounts. */
  readonly ownerEmail: string;
  /** Long-run mean of the latent health (about -1 … 1.5). */
  readonly baseHealth: number;
  /** Opinion of the vendor beyond product use; shows in NPS and in the churn hazard, not in usage. */
  readonly attitude: number;
  /** Share of seats active on a good weekday. */
  readonly adoption: number;
  readonly weekendActivity: number;
  readonly eventsPerLogin: number;
  /** Expected tickets per weekday at neutral health. */
  readonly ticketRate: number;
}

const SEGMENT_SHARES = SEGMENTS.map((spec) => spec.share);
const ZONE_WEIGHTS = TIME_ZONES.map(([, , weight]) => weight);

/** Draws customer number `index` (0-based) who signed up on `signupDay`. */
export function createCustomerProfile(options: {
  index: number;
  signupDay: number;
  csmEmails: readonly string[];
  rng: Random;
}): CustomerProfile {
  const { index, signupDay, csmEmails, rng } = options;
  const segment = SEGMENTS[rng.weighted(SEGMENT_SHARES)];
  const { median, sigma, min, max } = segment.seats;
  const seats = Math.min(max, Math.max(min, Math.round(rng.logNormal(median, sigma))));
  let plan = segment.plans[rng.weighted(segment.plans.map(([, weight]) => weight))][0];
  // Large teams outgrow Starter; keep their billing period.
  if (seats > 25 && plan === PLANS.starterMonthly) plan = PLANS.proMonthly;
  if (seats > 25 && plan === PLANS.starterAnnual) plan = PLANS.proAnnual;
  const discount =
    segment.segment === Segment.Enterprise
      ? rng.uniform(0.65, 0.9)
      : segment.segment === Segment.MidMarket
        ? rng.uniform(0.85, 1)
        : Math.min(1.1, rng.logNormal(1, 0.06));
  const name = companyName(rng);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const [timezone, utcOffsetHours] = TIME_ZONES[rng.weighted(ZONE_WEIGHTS)];
  const owned = rng.chance(segment.ownedShare + (seats > 15 ? 0.3 : 0));
  // Enterprise accounts go to the senior third of the CSM team.
  const senior = Math.max(1, Math.ceil(csmEmails.length / 3));
  const ownerEmail = !owned
    ? ""
    : segment.segment === Segment.Enterprise
      ? csmEmails[rng.int(0, senior - 1)]
      : rng.pick(csmEmails);
  return {
    id: `C${String(index + 1).padStart(6, "0")}`,
    name,
    email: `${slugify(first)}.${slugify(last)}@${slugify(name)}.${DEMO_DOMAIN}`,
    segment,
    plan,
    seats,
    mrr: (seats * plan.seatPrice * discount).toFixed(2),
    signupDay,
    timezone,
    utcOffsetHours,
    ownerEmail,
    baseHealth: segment.healthMean + rng.normal(0, 0.45) + (owned ? 0.1 : 0),
    attitude: rng.normal(0, 0.5),
    adoption: Math.min(1, Math.max(0.35, rng.normal(0.8, 0.12))),
    weekendActivity: segment.weekendActivity * rng.logNormal(1, 0.3),
    eventsPerLogin: rng.logNormal(15, 0.5),
    ticketRate: segment.ticketsPerDay * (seats / median) ** 0.35 * rng.logNormal(1, 0.4),
  };
}

/** A handful of CSM addresses: 4 for 100 customers, 9 for 20,000, 11 for 200,000. */
export function createCsmEmails(options: { customers: number; rng: Random }): string[] {
  const { customers, rng } = options;
  const count = Math.max(4, Math.round(2 * Math.log10(customers)));
  const emails = new Set<string>();
  while (emails.size < count) {
    emails.add(`${slugify(rng.pick(FIRST_NAMES))}.${slugify(rng.pick(LAST_NAMES))}@cs.${DEMO_DOMAIN}`);
  }
  return [...emails];
}
