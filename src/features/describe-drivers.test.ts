import { describe, expect, it } from "vitest";
import { describeDrivers, type DriverText } from "./describe-drivers.ts";
import { count, oneDecimal, percent, plural, times } from "./driver-words.ts";

type Row = Record<string, number | string | null>;
const METRICS = ["logins", "active_users", "events"];

/** A customer with nothing wrong: steady use, content surveys, no open tickets, renewal far off. */
const calm: Row = {
  plan: "Pro Monthly",
  segment: "SMB",
  billing_cycle: "monthly",
  mrr: 4484,
  tenure_days: 800,
  new_customer: 0,
  days_to_renewal: 200,
  renewal_in_horizon: 0,
  renewals_in_horizon: 0,
  logins_30d: 40,
  logins_prev30d: 41,
  logins_vs_prev30: 0.98,
  logins_vs_180d: 1,
  logins_of_peak: 0.8,
  logins_weeks_since_peak: 3,
  logins_slope_12w: 0.01,
  logins_days_inactive: 1,
  tickets_30d: 1,
  ticket_rate_vs_baseline: 1,
  open_tickets: 0,
  tickets_open_over_5d: 0,
  oldest_open_ticket_days: null,
  cancel_request_open: 0,
  first_response_vs_median_60d: 0.9,
  resolution_vs_median_60d: 0.8,
  slow_resolutions_60d: 0,
  reopen_share_60d: 0,
  csat_last: 5,
  csat_mean: 4.6,
  csat_low_share: 0,
  csat_responses: 12,
  nps_last: 9,
  nps_category: "promoter",
  ces_last: 6,
  ces_mean: 6,
  ces_trend: 0,
  days_since_survey: 20,
};

const describeFor = (overrides: Row, contributions: Record<string, number>, topK?: number) =>
  describeDrivers({ row: { ...calm, ...overrides }, contributions, metrics: METRICS, topK });
const texts = (ds: DriverText[]) => ds.map((d) => d.text);

describe("describeDrivers: grouping and order", () => {
  it("sums the columns of one group into one driver", () => {
    const { reasons } = describeFor({ logins_30d: 6 }, { logins_30d: 0.2, logins_prev30d: 0.1, logins_of_peak: 0.3 });
    expect(reasons).toHaveLength(1);
    expect(reasons[0].group).toBe("usage:logins");
    expect(reasons[0].contribution).toBeCloseTo(0.6, 12);
  });

  it("shows only groups whose sum raises risk, largest first", () => {
    const { reasons } = describeFor(
      { csat_last: 1, nps_last: 2, days_to_renewal: 12, renewal_in_horizon: 1 },
      { csat_last: 0.4, csat_mean: -0.5, nps_last: 0.2, days_to_renewal: 0.3, renewal_in_horizon: 0.2 },
    );
    expect(reasons.map((r) => r.group)).toEqual(["renewal", "nps"]);
  });

  it("accepts a Map as well as a record, and counts a one-hot column plan=… as plan", () => {
    const contributions = new Map([
      ["logins_30d", 0.5],
      ["plan=Pro Monthly", 0.7],
      ["not_a_feature", 9],
    ]);
    const { reasons, context } = describeDrivers({ row: { ...calm, logins_30d: 6 }, contributions, metrics: METRICS });
    expect(texts(reasons)).toEqual(["logins 6 in the last 30 days, down from 41 in the 30 before"]);
    expect(context.find((c) => c.group === "plan")?.contribution).toBe(0.7);
  });

  it.each([
    [3, ["an open ticket asks to cancel", "renews in 12 days", "last NPS 2 (detractor)"]],
    [1, ["an open ticket asks to cancel"]],
    [0, []],
  ])("topK %i keeps the cancel request first and counts it", (topK, expected) => {
    const { reasons } = describeFor(
      { cancel_request_open: 1, nps_last: 2, days_to_renewal: 12, renewal_in_horizon: 1, csat_last: 1 },
      { cancel_request_open: -0.4, days_to_renewal: 0.9, nps_last: 0.5, csat_last: 0.1 },
      topK,
    );
    expect(texts(reasons)).toEqual(expected);
    if (topK > 0)
      expect(reasons[0]).toEqual({
        group: "cancel_request",
        text: "an open ticket asks to cancel",
        contribution: -0.4,
      });
  });

  it("returns at most 3 reasons by default", () => {
    const { reasons } = describeFor(
      { csat_last: 1, nps_last: 2, days_to_renewal: 12, renewal_in_horizon: 1, reopen_share_60d: 0.5 },
      { csat_last: 0.1, nps_last: 0.2, days_to_renewal: 0.3, reopen_share_60d: 0.4 },
    );
    expect(reasons.map((r) => r.group)).toEqual(["reopens", "renewal", "nps"]);
  });
});

describe("describeDrivers: context", () => {
  it("never makes context a reason and says it as context", () => {
    const { reasons, context } = describeFor(
      {},
      { mrr: 3, plan: 1, billing_cycle: 0.5, segment: 2, csat_responses: 4, nps_category: 1 },
    );
    expect(reasons).toEqual([]);
    expect(context).toEqual([
      { group: "plan", text: "on the Pro Monthly plan", contribution: 1.5 },
      { group: "segment", text: "SMB segment", contribution: 2 },
      { group: "mrr", text: "MRR 4,484", contribution: 3 },
      { group: "csat_responses", text: "12 CSAT answers in a year", contribution: 4 },
      { group: "nps_category", text: "NPS promoter", contribution: 1 },
    ]);
  });

  it("keeps a context column's contribution out of its reason group", () => {
    const { reasons } = describeFor({ csat_last: 2 }, { csat_last: -0.1, csat_responses: 0.9 });
    expect(reasons).toEqual([]);
  });

  it.each<[Row, string]>([
    [{ plan: null, billing_cycle: "annual" }, "pays annually"],
    [{ plan: "Starter plan" }, "on the Starter plan"],
    [{ mrr: 1234.5678 }, "MRR 1,235"],
    [{ csat_responses: 1 }, "1 CSAT answer in a year"],
    [{ csat_responses: 0, nps_category: "none" }, "no CSAT answers in a year"],
    [{ nps_category: "none" }, "no NPS answer in a year"],
  ])("%o → %s", (overrides, text) => {
    expect(texts(describeFor(overrides, {}).context)).toContain(text);
  });
});

/** One group raising risk with these values: the reason shown, or null for none. */
const reasonOf = (overrides: Row, feature: string) =>
  describeFor(overrides, { [feature]: 0.5 }).reasons[0]?.text ?? null;

describe("describeDrivers: the words agree with the direction", () => {
  it.each<[string, Row, string]>([
    [
      "usage rising",
      {
        logins_30d: 60,
        logins_prev30d: 40,
        logins_vs_prev30: 1.5,
        logins_vs_180d: 1.3,
        logins_of_peak: 0.9,
        logins_slope_12w: 0.08,
      },
      "logins_30d",
    ],
    ["usage steady (a 10% dip)", { logins_30d: 36, logins_prev30d: 40, logins_vs_180d: 0.92 }, "logins_30d"],
    ["a promoter NPS", { nps_last: 10, nps_category: "promoter" }, "nps_last"],
    ["a passive NPS", { nps_last: 7, nps_category: "passive" }, "nps_last"],
    ["a CSAT of 5", { csat_last: 5, csat_mean: 4.2 }, "csat_last"],
    ["a CSAT of 4 just under the average", { csat_last: 4, csat_mean: 4.4 }, "csat_last"],
    ["an easy effort score", { ces_last: 6, ces_trend: -0.5 }, "ces_last"],
    ["ticket rate at baseline", { ticket_rate_vs_baseline: 1.1, tickets_30d: 3 }, "tickets_30d"],
    [
      "tickets open under 5 days",
      { open_tickets: 2, tickets_open_over_5d: 0, oldest_open_ticket_days: 3 },
      "open_tickets",
    ],
    [
      "fast support",
      { first_response_vs_median_60d: 0.7, resolution_vs_median_60d: 0.9, slow_resolutions_60d: 2 },
      "slow_resolutions_60d",
    ],
    ["no reopens", { reopen_share_60d: 0 }, "reopen_share_60d"],
    ["a renewal outside the horizon", { days_to_renewal: 200, renewal_in_horizon: 0 }, "days_to_renewal"],
    ["a long-standing customer", { tenure_days: 900, new_customer: 0 }, "tenure_days"],
    ["a recent survey answer", { days_since_survey: 30 }, "days_since_survey"],
    ["no cancel request", { cancel_request_open: 0 }, "cancel_request_open"],
  ])("%s → no reason", (_, overrides, feature) => {
    expect(reasonOf(overrides, feature)).toBeNull();
  });

  it("skips a group whose values show no risk and moves on to the next", () => {
    const { reasons } = describeFor({ nps_last: 10, logins_30d: 6 }, { nps_last: 0.9, logins_30d: 0.2 });
    expect(texts(reasons)).toEqual(["logins 6 in the last 30 days, down from 41 in the 30 before"]);
  });
});

describe("describeDrivers: wording with its comparison", () => {
  it.each<[Row, string, string]>([
    [{ logins_30d: 6 }, "logins_30d", "logins 6 in the last 30 days, down from 41 in the 30 before"],
    [
      { logins_30d: 0, logins_days_inactive: 5 },
      "logins_30d",
      "no logins in the last 30 days, after 41 in the 30 before",
    ],
    [
      { active_users_30d: 45, active_users_prev30d: 50, active_users_of_peak: 0.2 },
      "active_users_of_peak",
      "active users at 20% of their peak",
    ],
    [{ logins_of_peak: 0.2, logins_30d: 40 }, "logins_of_peak", "logins at 20% of their peak (3 weeks ago)"],
    [{ events_vs_180d: 0.65 }, "events_vs_180d", "events 35% below their 6-month average"],
    [{ logins_30d: 35, logins_days_inactive: 21 }, "logins_days_inactive", "no logins for 21 days"],
    [
      { logins_days_inactive: 181, logins_30d: 0, logins_prev30d: 0 },
      "logins_days_inactive",
      "no logins in the last 180 days",
    ],
    [{ logins_slope_12w: -0.05 }, "logins_slope_12w", "logins falling for 12 weeks"],
    [{ days_to_renewal: 12, renewal_in_horizon: 1 }, "days_to_renewal", "renews in 12 days"],
    [{ days_to_renewal: 0, renewal_in_horizon: 1 }, "days_to_renewal", "renews today"],
    [{ days_to_renewal: 40, renewal_in_horizon: null }, "days_to_renewal", "renews in 40 days"],
    [{ tenure_days: 40, new_customer: 1 }, "tenure_days", "new customer (signed up 40 days ago)"],
    [
      { tickets_open_over_5d: 2, open_tickets: 3, oldest_open_ticket_days: 12.7 },
      "open_tickets",
      "2 tickets open for more than 5 days, oldest 12 days",
    ],
    [
      { tickets_open_over_5d: 1, open_tickets: 1, oldest_open_ticket_days: 9 },
      "open_tickets",
      "1 ticket open for 9 days",
    ],
    [{ cancel_request_open: 1 }, "cancel_request_open", "an open ticket asks to cancel"],
    [
      { slow_resolutions_60d: 2, resolution_vs_median_60d: 1.6 },
      "slow_resolutions_60d",
      "2 tickets resolved slower than usual for their channel",
    ],
    [{ first_response_vs_median_60d: 2.34 }, "first_response_vs_median_60d", "first responses 2.3× slower than usual"],
    [{ reopen_share_60d: 0.4 }, "reopen_share_60d", "40% of recently closed tickets were reopened"],
    [
      { tickets_30d: 5, ticket_rate_vs_baseline: 3.02 },
      "ticket_rate_vs_baseline",
      "5 tickets in 30 days, 3× their usual rate",
    ],
    [{ csat_last: 2, csat_mean: 4.1 }, "csat_last", "last CSAT 2/5, their average is 4.1"],
    [{ csat_last: 3, csat_mean: 4.25 }, "csat_last", "last CSAT 3/5, their average is 4.3"],
    [{ csat_low_share: 0.3, csat_responses: 10 }, "csat_low_share", "30% of CSAT answers 1–2 (3 of 10)"],
    [{ nps_last: 4, nps_category: "detractor" }, "nps_last", "last NPS 4 (detractor)"],
    [{ ces_last: 2, ces_mean: 4.8, ces_trend: -3.1 }, "ces_last", "last effort score 2/7, down from 5.1 on average"],
    [{ ces_last: 2, ces_mean: null, ces_trend: null }, "ces_last", "last effort score 2/7 (7 = easy)"],
    [{ days_since_survey: 200 }, "days_since_survey", "no survey answer for 200 days"],
    [{ days_since_survey: null }, "days_since_survey", "no survey answer in the last year"],
  ])("%o → %s", (overrides, feature, text) => {
    expect(reasonOf(overrides, feature)).toBe(text);
  });

  it("picks the strongest usage evidence", () => {
    expect(reasonOf({ logins_30d: 6, logins_days_inactive: 21, logins_vs_180d: 0.5 }, "logins_30d")).toBe(
      "logins 6 in the last 30 days, down from 41 in the 30 before",
    );
    expect(reasonOf({ logins_30d: 30, logins_days_inactive: 25, logins_vs_180d: 0.7 }, "logins_30d")).toBe(
      "no logins for 25 days",
    );
  });
});

describe("describeDrivers: numbers for people", () => {
  it.each<[Row, string, string]>([
    [{ tickets_30d: 1, ticket_rate_vs_baseline: 2 }, "tickets_30d", "1 ticket in 30 days, 2× their usual rate"],
    [{ tickets_open_over_5d: 1, oldest_open_ticket_days: 1 }, "open_tickets", "1 ticket open for more than 5 days"],
    [{ days_to_renewal: 1, renewal_in_horizon: 1 }, "days_to_renewal", "renews tomorrow"],
    [{ tenure_days: 1, new_customer: 1 }, "tenure_days", "new customer (signed up yesterday)"],
    [
      { logins_30d: 1234.4, logins_prev30d: 5678.9 },
      "logins_30d",
      "logins 1,234 in the last 30 days, down from 5,679 in the 30 before",
    ],
    [{ reopen_share_60d: 0.33333333333333331 }, "reopen_share_60d", "33% of recently closed tickets were reopened"],
    [{ csat_last: 2, csat_mean: 3.6666666666666665 }, "csat_last", "last CSAT 2/5, their average is 3.7"],
    [{ first_response_vs_median_60d: 14.6 }, "first_response_vs_median_60d", "first responses 15× slower than usual"],
  ])("%o → %s", (overrides, feature, text) => {
    expect(reasonOf(overrides, feature)).toBe(text);
  });

  it.each([
    [() => plural(1, "ticket"), "1 ticket"],
    [() => plural(1.4, "ticket"), "1 ticket"],
    [() => plural(0, "ticket"), "0 tickets"],
    [() => plural(2, "ticket"), "2 tickets"],
    [() => count(-0.2), "0"],
    [() => percent(0.004), "under 1%"],
    [() => oneDecimal(4.04), "4"],
    [() => times(1.96), "2×"],
  ])("%s → %s", (say, text) => {
    expect(say()).toBe(text);
  });

  it.each<[Row, string]>([
    [{ days_to_renewal: null, renewal_in_horizon: null }, "days_to_renewal"],
    [{ csat_last: null, csat_mean: null, csat_low_share: null }, "csat_last"],
    [{ nps_last: null, nps_category: "none" }, "nps_last"],
    [{ tickets_open_over_5d: null, oldest_open_ticket_days: null }, "open_tickets"],
    [
      {
        logins_30d: null,
        logins_prev30d: null,
        logins_of_peak: null,
        logins_vs_180d: null,
        logins_slope_12w: null,
        logins_days_inactive: null,
      },
      "logins_30d",
    ],
    [{ ticket_rate_vs_baseline: null }, "ticket_rate_vs_baseline"],
    [{ ces_last: null, ces_mean: null }, "ces_last"],
  ])("missing values %o state no number", (overrides, feature) => {
    expect(reasonOf(overrides, feature) ?? "").not.toMatch(/\d/);
  });

  it("says a new customer without a tenure without inventing its age", () => {
    expect(reasonOf({ tenure_days: null, new_customer: 1 }, "new_customer")).toBe(
      "new customer (signed up in the last 90 days)",
    );
  });
});
