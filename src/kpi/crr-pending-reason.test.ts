import { describe, expect, it } from "vitest";
import { crrPendingReason, type CrrPendingFacts } from "./crr-pending-reason.ts";
import { summarizeCrr } from "./retention-share.ts";

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const facts = (
  counts: { retained?: number; churned?: number; pending?: number; none?: number },
  more: Partial<CrrPendingFacts> = {},
): CrrPendingFacts => ({
  crr: summarizeCrr({ retained: 0, churned: 0, pending: 0, none: 0, ...counts }),
  windowDays: 60,
  runsInPeriod: 1,
  latestRunMs: day("2026-12-01"),
  pendingFromMs: null,
  pendingToMs: null,
  periodOpen: false,
  ...more,
});

describe("crrPendingReason", () => {
  it.each<[string, CrrPendingFacts, string | null]>([
    [
      "no run in P, one later",
      facts({}, { runsInPeriod: 0 }),
      "no complete risk run is dated in this period (the latest is as of 2026-12-01), so no customer is at risk in it",
    ],
    [
      "no run at all",
      facts({}, { runsInPeriod: 0, latestRunMs: null }),
      "no complete risk run is dated in this period (there is none yet), so no customer is at risk in it",
    ],
    ["runs, nobody at risk", facts({}, { runsInPeriod: 2 }), "no customer was at risk in this period's 2 risk runs"],
    ["one run, nobody at risk", facts({}), "no customer was at risk in this period's risk run"],
    [
      "all pending, one day",
      facts({ pending: 3, none: 1 }, { pendingFromMs: day("2026-12-01"), pendingToMs: day("2026-12-01") + 3_600_000 }),
      "the 60-day windows of this period's at-risk customers end on 2027-01-30",
    ],
    [
      "all pending, a span",
      facts({ pending: 3 }, { pendingFromMs: day("2026-11-02"), pendingToMs: day("2026-11-20") }),
      "the 60-day windows of this period's at-risk customers end on 2027-01-01 to 2027-01-19",
    ],
    [
      "no interaction yet, P open",
      facts({ none: 4 }, { periodOpen: true }),
      "no ticket of this period's at-risk customers has closed since they were flagged; each 60-day window starts when one does",
    ],
    ["no interaction, P over: CRR is 0", facts({ none: 4 }), null],
    [
      "one retained: a number",
      facts({ retained: 1, pending: 5 }, { pendingFromMs: day("2026-11-02"), pendingToMs: day("2026-11-20") }),
      null,
    ],
    [
      "one churned: a number",
      facts({ churned: 1, pending: 5 }, { pendingFromMs: day("2026-11-02"), pendingToMs: day("2026-11-20") }),
      null,
    ],
  ])("%s", (_, input, expected) => {
    expect(crrPendingReason(input)).toBe(expected);
  });
});
