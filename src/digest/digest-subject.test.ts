import { describe, expect, it } from "vitest";
import { digestSubject } from "./digest-subject.ts";

const counts = (newlyAtRisk: number, renewalsAtRisk: number, risers = 0, followUps = 0) => ({
  newlyAtRisk,
  renewalsAtRisk,
  risers,
  followUps,
});

describe("digestSubject", () => {
  it.each([
    [counts(3, 2, 4, 1), "Retain: 3 newly at risk, 2 renewals at risk — Tue 1 Dec"],
    [counts(1, 1), "Retain: 1 newly at risk, 1 renewal at risk — Tue 1 Dec"],
    [counts(0, 2, 5), "Retain: 2 renewals at risk — Tue 1 Dec"],
    [counts(4, 0, 0, 2), "Retain: 4 newly at risk — Tue 1 Dec"],
    [counts(0, 0, 2, 1), "Retain: 2 risers, 1 follow-up sent — Tue 1 Dec"],
    [counts(0, 0, 0, 3), "Retain: 3 follow-ups sent — Tue 1 Dec"],
    [counts(0, 0, 1, 0), "Retain: 1 riser — Tue 1 Dec"],
  ])("%j → %s", (c, subject) => expect(digestSubject(c, "Tue 1 Dec")).toBe(subject));
});
