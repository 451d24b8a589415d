import { describe, expect, it } from "vitest";
import { count, dateTime, day, money, percent, points } from "./format.ts";

describe("display formats", () => {
  it.each([
    [0.052, "+5.2 pts"],
    [-0.3, "−30.0 pts"],
    [0.0004, "+0.04 pts"],
    [-0.00001, "0.0 pts"],
    [0, "0.0 pts"],
    [null, "–"],
    [Number.NaN, "–"],
  ])("points(%s) = %s", (delta, text) => {
    expect(points(delta)).toBe(text);
  });

  it("formats percents, money, counts and UTC dates; missing values as a dash", () => {
    expect(percent(0.4213)).toBe("42.1 %");
    expect(percent(null)).toBe("–");
    expect(money(1234.5)).toBe("$1,234.50");
    expect(money(1234.5, "EUR")).toBe("€1,234.50");
    expect(count(20000)).toBe("20,000");
    expect(day(new Date("2026-11-01T23:30:00Z"))).toBe("2026-11-01");
    expect(dateTime("2026-11-01T09:30:12Z")).toBe("2026-11-01 09:30 UTC");
    expect(dateTime(null)).toBe("–");
  });
});
