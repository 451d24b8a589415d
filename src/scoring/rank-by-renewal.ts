import { listAtRiskRenewalKeys, type Database, type RunFilters } from "../db/index.ts";
import { nextRenewal } from "./next-renewal.ts";

/** The sort value (and cursor value) of a customer whose renewal is unknown: days are never negative. */
export const NO_RENEWAL = -1;

/** A customer's place in the list sorted by renewal. */
export interface RenewalRank {
  id: number;
  /** Days to the next renewal; NO_RENEWAL when the plan's cycle is unknown. */
  days: number;
}

/** Sooner first (asc) or later first (desc); unknown renewals last both ways; ties by customer id. */
export function compareRenewal(order: "asc" | "desc"): (a: RenewalRank, b: RenewalRank) => number {
  return (a, b) => {
    if (a.days !== b.days) {
      if (a.days === NO_RENEWAL) return 1;
      if (b.days === NO_RENEWAL) return -1;
      return order === "asc" ? a.days - b.days : b.days - a.days;
    }
    return a.id - b.id;
  };
}

/**
 * Every customer of the filtered list, sorted by their next renewal as of `now` (see compareRenewal). The renewal
 * comes from the signup date and the plan's cycle, so it is computed here from one read of the list's keys.
 */
export async function rankByRenewal(db: Database, filters: RunFilters, order: "asc" | "desc"): Promise<RenewalRank[]> {
  const keys = await listAtRiskRenewalKeys(db.sql, filters);
  const ranks = keys.map((k) => ({ id: k.customerId, days: nextRenewal(k, filters.now)?.days ?? NO_RENEWAL }));
  return ranks.sort(compareRenewal(order));
}

/** Where the page after the cursor's row starts (the first rank sorted after it). */
export function indexAfter(
  ranks: RenewalRank[],
  after: { value: number | string; id: number },
  order: "asc" | "desc",
): number {
  const compare = compareRenewal(order);
  const cursor = { id: after.id, days: Number(after.value) };
  const i = ranks.findIndex((r) => compare(r, cursor) > 0);
  return i === -1 ? ranks.length : i;
}
