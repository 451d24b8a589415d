import { describe, expect, it } from "vitest";
import { durationStats, median } from "./duration-stats.ts";
import { summarizeCustomers, summarizeValue } from "./summarize-customers.ts";
import { summarizeSatisfaction } from "./summarize-satisfaction.ts";
import { summarizeTickets } from "./summarize-tickets.ts";

describe("summarizeCustomers", () => {
  it("retention (E − N) / S, churn and revenue churn", () => {
    const kpis = summarizeCustomers({
      at_start: 200,
      at_end: 210,
      new_customers: 30,
      churned: 20,
      mrr_at_start: 40_000,
      mrr_churned: 3_000,
    });
    expect(kpis).toEqual({
      atStart: 200,
      atEnd: 210,
      new: 30,
      churned: 20,
      retentionRate: 90,
      churnRate: 10,
      mrrAtStart: 40_000,
      mrrChurned: 3_000,
      revenueChurnRate: 7.5,
    });
  });

  it("no customers at the start: no rates", () => {
    expect(summarizeCustomers(undefined)).toMatchObject({
      atStart: 0,
      retentionRate: null,
      churnRate: null,
      revenueChurnRate: null,
    });
  });
});

describe("summarizeValue", () => {
  const customers = summarizeCustomers({
    at_start: 200,
    at_end: 190,
    new_customers: 0,
    churned: 10,
    mrr_at_start: 40_000,
    mrr_churned: 2_000,
  });
  it.each([
    ["a month", 1, 200, 5, 4_000],
    ["a quarter", 3, 200, 5 / 3, 12_000],
  ])("CLV = ARPA ÷ monthly churn over %s", (_name, months, arpa, monthly, clv) => {
    const value = summarizeValue({ customers, months, retained: 8, spend: 2_000 });
    expect(value.arpa).toBe(arpa);
    expect(value.monthlyChurnRate).toBeCloseTo(monthly, 12);
    expect(value.clv).toBeCloseTo(clv, 6);
    expect(value.costPerRetained).toBe(250);
  });

  it("no churn → no CLV; no spend or nobody retained → no cost per retained", () => {
    const none = summarizeCustomers({
      at_start: 10,
      at_end: 10,
      new_customers: 0,
      churned: 0,
      mrr_at_start: 1_000,
      mrr_churned: 0,
    });
    expect(summarizeValue({ customers: none, months: 1, retained: 0 })).toEqual({
      arpa: 100,
      monthlyChurnRate: 0,
      clv: null,
      spend: null,
      costPerRetained: null,
    });
    expect(summarizeValue({ customers: none, months: 1, retained: 0, spend: 500 }).costPerRetained).toBeNull();
  });
});

describe("summarizeSatisfaction", () => {
  it("CSAT % 4–5, NPS % promoters − % detractors, mean CES, across groups", () => {
    const s = summarizeSatisfaction([
      { grp: null, kind: "csat", answers: 8, top: 6, low: 0, score_sum: 30 },
      { grp: null, kind: "nps", answers: 10, top: 5, low: 2, score_sum: 80 },
      { grp: null, kind: "ces", answers: 4, top: 0, low: 0, score_sum: 22 },
    ]);
    expect(s).toEqual({
      csat: { responses: 8, satisfied: 6, score: 75 },
      nps: { responses: 10, promoters: 5, detractors: 2, score: 30 },
      ces: { responses: 4, mean: 5.5 },
    });
  });

  it("no answers: counts 0, scores null", () => {
    expect(summarizeSatisfaction([])).toEqual({
      csat: { responses: 0, satisfied: 0, score: null },
      nps: { responses: 0, promoters: 0, detractors: 0, score: null },
      ces: { responses: 0, mean: null },
    });
  });
});

describe("durations", () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 0.5, 0.5, 10], 5.25],
  ])("median of %j is %s", (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it("count, median and mean; the mean does not depend on the order of the values", () => {
    expect(durationStats([1, 2, 6])).toEqual({ n: 3, medianHours: 2, meanHours: 3 });
    expect(durationStats([])).toEqual({ n: 0, medianHours: null, meanHours: null });
    const values = [0.1, 1e16, 0.2, -1e16, 0.3];
    expect(durationStats(values)).toEqual(durationStats([...values].reverse()));
  });

  it("ticket KPIs from stats per channel: counts add up; resolution rate; durations of every group in hours", () => {
    const h = (...hours: number[]) => Float64Array.from(hours, (x) => x * 3_600_000);
    const row = (grp: string | null, created: number, resolvedByEnd: number, frt: Float64Array, res: Float64Array) => ({
      grp,
      created,
      resolvedByEnd,
      firstResponseMs: frt,
      resolutionMs: res,
    });
    const tickets = summarizeTickets([row("chat", 2, 1, h(1, 3), h(2)), row("email", 4, 2, h(5, 2), h(10, 4, 6))], {
      perChannel: true,
    });
    expect(tickets).toMatchObject({
      created: 6,
      resolvedByEnd: 3,
      resolutionRate: 50,
      byChannel: { email: 4, chat: 2 },
    });
    expect(tickets.firstResponse).toEqual({ n: 4, medianHours: 2.5, meanHours: 2.75 });
    expect(tickets.resolution).toEqual({ n: 4, medianHours: 5, meanHours: 5.5 });
    expect(Object.keys(tickets.byChannel!)).toEqual(["email", "chat"]);
    expect(summarizeTickets([row(null, 1, 0, h(), h())], { perChannel: true }).byChannel).toEqual({ other: 1 });
    expect(summarizeTickets([])).toMatchObject({ created: 0, resolutionRate: null, firstResponse: { n: 0 } });
  });
});
