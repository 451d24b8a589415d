import { billingCycle } from "../features/index.ts";
import type { StripeItem, StripeSubscription } from "./stripe-objects.ts";

/** Currencies Stripe counts in whole units (no minor unit): an amount of 1000 JPY is ¥1,000. */
const ZERO_DECIMAL = new Set("bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split(" "));
/** Currencies with three decimals: 1000 KWD minor units are 1 KWD. */
const THREE_DECIMAL = new Set("bhd jod kwd omr tnd".split(" "));

/** An amount in the currency's minor units (cents) in major units (dollars): 1999 USD → 19.99. */
export function majorUnits(minor: number, currency: string | null | undefined): number {
  const c = (currency ?? "").toLowerCase();
  const digits = ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2;
  return minor / 10 ** digits;
}

/** How many of each interval make one month: a year is 1/12 of a month's worth per month. */
const MONTHS_PER: Record<"day" | "week" | "month" | "year", number> = {
  day: 12 / 365,
  week: 12 / 52,
  month: 1,
  year: 12,
};

/** One item's amount per month in minor units, or null when it has no fixed recurring amount (metered, tiers). */
export function itemMonthlyMinor(item: StripeItem): number | null {
  const p = item.price;
  const unit =
    p?.unit_amount ?? (p?.unit_amount_decimal ? Number(p.unit_amount_decimal) : null) ?? item.plan?.amount ?? null;
  const interval = p?.recurring?.interval ?? item.plan?.interval ?? null;
  const count = p?.recurring?.interval_count ?? item.plan?.interval_count ?? 1;
  if (unit === null || !Number.isFinite(unit) || interval === null) return null;
  return (unit * (item.quantity ?? 1)) / (MONTHS_PER[interval] * count);
}

/**
 * The subscription's MRR in major units: every item's unit amount × quantity, each normalised to
 * a month from its price's interval and interval count (yearly ÷ 12, every 3 months ÷ 3), summed,
 * rounded to cents. Items without a fixed amount count 0 and are named in `skipped`.
 */
export function subscriptionMrr(sub: StripeSubscription): { mrr: number; currency: string | null; skipped: number } {
  const items = sub.items?.data ?? [];
  let minor = 0;
  let skipped = 0;
  for (const item of items) {
    const monthly = itemMonthlyMinor(item);
    if (monthly === null) skipped++;
    else minor += monthly;
  }
  const currency = sub.currency ?? items[0]?.price?.currency ?? items[0]?.plan?.currency ?? null;
  return { mrr: Math.round(majorUnits(minor, currency) * 100) / 100, currency, skipped };
}

/**
 * The plan name of a subscription: its first item's price nickname, lookup key, product name or id.
 * When the name does not say its cycle, " Monthly" or " Annual" is added for a price billed every
 * month or every year, so the renewal features (which read the cycle from the plan name) work.
 */
export function subscriptionPlan(sub: StripeSubscription): string | null {
  const first = sub.items?.data[0];
  if (!first) return null;
  const p = first.price;
  const product = typeof p?.product === "string" ? p.product : (p?.product?.name ?? p?.product?.id);
  const name = p?.nickname ?? p?.lookup_key ?? product ?? p?.id ?? first.plan?.nickname ?? first.plan?.id ?? null;
  if (!name) return null;
  const interval = p?.recurring?.interval ?? first.plan?.interval;
  const count = p?.recurring?.interval_count ?? first.plan?.interval_count ?? 1;
  if (billingCycle(name) !== "other" || count !== 1) return name.slice(0, 200);
  const cycle = interval === "month" ? " Monthly" : interval === "year" ? " Annual" : "";
  return `${name}${cycle}`.slice(0, 200);
}
