import { describe, expect, it } from "vitest";
import { defaultKpiPeriod } from "./kpi-page.ts";

describe("defaultKpiPeriod", () => {
  it.each([
    ["2026-11-24T01:00:00Z", "2026-05-01..2026-10-31"],
    ["2026-01-01T00:00:00Z", "2025-07-01..2025-12-31"],
    ["2026-03-31T23:59:59Z", "2025-09-01..2026-02-28"],
    ["2024-03-15T12:00:00Z", "2023-09-01..2024-02-29"],
  ])("on %s: the six whole months before (%s)", (now, period) => {
    expect(defaultKpiPeriod(Date.parse(now))).toBe(period);
  });
});
