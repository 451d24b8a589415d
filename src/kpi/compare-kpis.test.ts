import { describe, expect, it } from "vitest";
import { compareFigures, compareSupport } from "./compare-kpis.ts";
import { describeChange } from "./describe-change.ts";
import type { SupportSnapshot } from "./kpi-report.ts";

describe("compareFigures", () => {
  it.each([
    [12, 10, "lower", { difference: 2, percent: 20, direction: "up", verdict: "worse" }],
    [8, 10, "lower", { difference: -2, percent: -20, direction: "down", verdict: "better" }],
    [90, 80, "higher", { difference: 10, percent: 12.5, direction: "up", verdict: "better" }],
    [70, 80, "higher", { difference: -10, percent: -12.5, direction: "down", verdict: "worse" }],
    [5, 5, "lower", { difference: 0, percent: 0, direction: "same", verdict: "same" }],
    [120, 100, null, { difference: 20, percent: 20, direction: "up", verdict: null }],
    [3, 0, null, { difference: 3, percent: null, direction: "up", verdict: null }],
    [-5, -10, "higher", { difference: 5, percent: 50, direction: "up", verdict: "better" }],
    [null, 10, "lower", { difference: null, percent: null, direction: null, verdict: null }],
    [10, null, "lower", { difference: null, percent: null, direction: null, verdict: null }],
  ] as const)("%s after %s (good: %s)", (current, previous, good, expected) => {
    expect(compareFigures(current, previous, good)).toEqual({ current, previous, ...expected });
  });
});

describe("describeChange", () => {
  const change = (current: number | null, previous: number | null, good: "lower" | "higher" | null = null) =>
    compareFigures(current, previous, good);
  it.each([
    [change(13.5, 12), "hours", "▲ 1.5 h longer (+12.5 %)"],
    [change(0.75, 1), "hours", "▼ 15 min shorter (−25.0 %)"],
    [change(1.001, 1), "hours", "▲ 1 min longer (+0.1 %)"],
    [change(77, 80), "points", "▼ 3.0 points lower"],
    [change(81, 80), "points", "▲ 1.0 point higher"],
    [change(2120, 2000), "count", "▲ 120 more (+6.0 %)"],
    [change(4, 0), "count", "▲ 4 more"],
    [change(7, 7), "count", "= no change"],
    [change(null, 7), "count", "no figure this period"],
    [change(7, null), "count", "no previous figure"],
  ] as const)("%o in %s: %s", (c, unit, words) => {
    expect(describeChange(c, unit)).toBe(words);
  });
});

describe("compareSupport", () => {
  const snapshot = (
    o: Partial<SupportSnapshot> & { median: number | null; runAsOf: string | null },
  ): SupportSnapshot => ({
    period: { label: "p", firstDay: "2026-05-01", lastDay: "2026-05-31" },
    created: 10,
    resolvedByEnd: 8,
    resolutionRate: 80,
    firstResponse: { n: 10, medianHours: o.median, meanHours: o.median },
    resolution: { n: 8, medianHours: 20, meanHours: 22 },
    byChannel: { email: 6, chat: 4 },
    atRiskOpenTickets: { at: "2026-06-01T00:00:00.000Z", runAsOf: o.runAsOf, atRisk: 5, withOpenTickets: 3 },
    ...o,
  });

  it("compares every support KPI, channels of either period included, biggest current volume first", () => {
    const current = snapshot({ median: 2, runAsOf: "2026-05-30", byChannel: { chat: 9, web: 1 }, created: 10 });
    const previous = snapshot({ median: 4, runAsOf: "2026-04-30", resolutionRate: 90, created: 8 });
    const s = compareSupport({ current, previous, previousOpenTickets: { A1: 2 } });
    expect(s.changes.firstResponseMedianHours).toMatchObject({ difference: -2, verdict: "better" });
    expect(s.changes.resolutionMedianHours).toMatchObject({ direction: "same", verdict: "same" });
    expect(s.changes.resolutionRate).toMatchObject({ difference: -10, verdict: "worse" });
    expect(s.changes.created).toMatchObject({ difference: 2, percent: 25, verdict: null });
    expect(Object.keys(s.changes.byChannel)).toEqual(["chat", "web", "email"]);
    expect(s.changes.byChannel.email).toMatchObject({ current: 0, previous: 6, direction: "down" });
    expect(s.changes.atRiskWithOpenTickets).toMatchObject({ current: 3, previous: 3, verdict: "same" });
    expect(s.previousOpenTickets).toEqual({ A1: 2 });
  });

  it("has no at-risk figure for a period without a risk run", () => {
    const s = compareSupport({
      current: snapshot({ median: 1, runAsOf: "2026-05-30" }),
      previous: snapshot({ median: 1, runAsOf: null }),
      previousOpenTickets: {},
    });
    expect(s.changes.atRiskWithOpenTickets).toMatchObject({ current: 3, previous: null, direction: null });
  });
});
