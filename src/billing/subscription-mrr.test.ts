import { describe, expect, it } from "vitest";
import { stripeSubscription } from "./stripe-objects.ts";
import { majorUnits, subscriptionMrr, subscriptionPlan } from "./subscription-mrr.ts";

const item = (unit: number | null, interval: string, quantity = 1, count = 1, extra: Record<string, unknown> = {}) => ({
  price: { unit_amount: unit, recurring: { interval, interval_count: count }, ...extra },
  quantity,
});
const sub = (items: unknown[], currency = "usd") =>
  stripeSubscription.parse({ id: "sub_1", currency, items: { data: items } });

describe("subscription MRR", () => {
  it.each([
    ["monthly", [item(2_000, "month")], 20],
    ["quantity", [item(2_000, "month", 3)], 60],
    ["yearly ÷ 12", [item(120_000, "year")], 100],
    ["every 3 months ÷ 3", [item(30_000, "month", 1, 3)], 100],
    ["every 2 years ÷ 24", [item(240_000, "year", 1, 2)], 100],
    ["weekly × 52 / 12", [item(1_200, "week")], 52],
    ["several items summed", [item(1_000, "month", 2), item(12_000, "year", 5)], 70],
    ["metered (no unit amount) counts 0", [item(null, "month"), item(500, "month")], 5],
    ["rounded to cents", [item(1_000, "year")], 0.83],
  ])("%s", (_, items, mrr) => {
    expect(subscriptionMrr(sub(items)).mrr).toBe(mrr);
  });

  it("reads an old API version's plan, and unit_amount_decimal", () => {
    const legacy = { plan: { amount: 4_900, interval: "month", interval_count: 1 }, quantity: 2 };
    const decimal = { price: { unit_amount_decimal: "150.5", recurring: { interval: "month" } }, quantity: 2 };
    expect(subscriptionMrr(sub([legacy, decimal])).mrr).toBe(101.01);
  });

  it.each([
    [1999, "usd", 19.99],
    [1999, "EUR", 19.99],
    [1200, "jpy", 1200],
    [1500, "kwd", 1.5],
  ])("%d %s minor units are %d", (minor, currency, major) => {
    expect(majorUnits(minor, currency)).toBe(major);
  });

  it("names the plan after the first item, adding its cycle when the name does not say it", () => {
    expect(subscriptionPlan(sub([item(1, "month", 1, 1, { nickname: "Pro" })]))).toBe("Pro Monthly");
    expect(subscriptionPlan(sub([item(1, "year", 1, 1, { nickname: "Business" })]))).toBe("Business Annual");
    expect(subscriptionPlan(sub([item(1, "year", 1, 1, { nickname: "Pro yearly" })]))).toBe("Pro yearly");
    expect(subscriptionPlan(sub([item(1, "month", 1, 3, { product: "prod_x" })]))).toBe("prod_x");
    expect(subscriptionPlan(sub([]))).toBeNull();
  });
});
