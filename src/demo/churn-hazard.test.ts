import { describe, expect, it } from "vitest";
import { churnHazard, planExit } from "./churn-hazard.ts";
import type { CustomerProfile } from "./create-customer-profile.ts";
import { PLANS, SEGMENTS } from "./demo-catalog.ts";
import { addMonths, parseEpochDay } from "./epoch-day.ts";
import { Random } from "./random.ts";

const SIGNUP = parseEpochDay("2023-01-31")!;
const [SMB, , ENTERPRISE] = SEGMENTS;

function customer(overrides: Partial<CustomerProfile> = {}): CustomerProfile {
  return {
    id: "C000001",
    name: "Test Co",
    email: "a.b@test-co.example",
    segment: SMB,
    plan: PLANS.proMonthly,
    seats: 5,
    mrr: "175.00",
    signupDay: SIGNUP,
    timezone: "Europe/London",
    utcOffsetHours: 0,
    ownerEmail: "",
    baseHealth: 0,
    attitude: 0,
    adoption: 0.8,
    weekendActivity: 0.2,
    eventsPerLogin: 15,
    ticketRate: 0.01,
    ...overrides,
  };
}
const hazard = (c: CustomerProfile, effectiveHealth = 0, ageDays = 400, daysToRenewal = 200) =>
  churnHazard({ customer: c, effectiveHealth, ageDays, daysToRenewal });

describe("churnHazard", () => {
  it("rises as health falls", () => {
    expect(hazard(customer(), -1)).toBeGreaterThan(hazard(customer(), 0) * 5);
    expect(hazard(customer(), 1)).toBeLessThan(hazard(customer(), 0) / 5);
  });

  it("is higher for new, unowned and small customers", () => {
    expect(hazard(customer(), 0, 30)).toBeGreaterThan(hazard(customer(), 0, 400));
    expect(hazard(customer({ ownerEmail: "x@cs.example" }))).toBeLessThan(hazard(customer()));
    expect(hazard(customer({ segment: ENTERPRISE }))).toBeLessThan(hazard(customer()));
  });

  it.each([
    [200, 0],
    [121, 0],
    [120, 1],
    [10, 1],
  ])("annual plans decide only near renewal: %i days to go → positive: %i", (daysToRenewal, positive) => {
    const annual = customer({ plan: PLANS.proAnnual });
    expect(hazard(annual, 0, 400, daysToRenewal) > 0).toBe(positive === 1);
  });
});

describe("planExit", () => {
  it("churns monthly customers on a monthly anniversary at least 30 days on, or saves them", () => {
    const rng = new Random(3);
    const day = SIGNUP + 200;
    let saved = 0;
    for (let k = 0; k < 500; k++) {
      const plan = planExit({ customer: customer(), day, nextRenewal: 0, rng });
      expect(plan.depth).toBeGreaterThanOrEqual(0.4);
      if (plan.churnDay === Infinity) {
        saved++;
        expect(plan.saveDay).toBeGreaterThan(day);
        continue;
      }
      expect(plan.churnDay - day).toBeGreaterThanOrEqual(30);
      expect(plan.churnDay - day).toBeLessThanOrEqual(106);
      expect(Array.from({ length: 30 }, (_, m) => addMonths(SIGNUP, m))).toContain(plan.churnDay);
    }
    expect(saved / 500).toBeGreaterThan(0.08);
    expect(saved / 500).toBeLessThan(0.25);
  });

  it("churns annual customers on their next renewal", () => {
    const nextRenewal = addMonths(SIGNUP, 12);
    const plans = Array.from({ length: 50 }, (_, k) =>
      planExit({
        customer: customer({ plan: PLANS.proAnnual }),
        day: nextRenewal - 60,
        nextRenewal,
        rng: new Random(k),
      }),
    );
    expect(plans.every((p) => p.churnDay === nextRenewal || p.churnDay === Infinity)).toBe(true);
  });
});
