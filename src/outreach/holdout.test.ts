import { describe, expect, it } from "vitest";
import { assignArm, holdoutDraw } from "./holdout.ts";

describe("holdout assignment", () => {
  const customers = Array.from({ length: 10_000 }, (_, i) => `C${String(i).padStart(6, "0")}`);

  it("holds out 10 % ± 1 % of 10,000 customers", () => {
    const held = customers.filter(
      (c) => assignArm({ play: "ticket-closed", customerKey: c, share: 0.1 }) === "holdout",
    ).length;
    expect(held / customers.length).toBeGreaterThanOrEqual(0.09);
    expect(held / customers.length).toBeLessThanOrEqual(0.11);
  });

  it("puts a customer in the same group every time, and draws independently per play", () => {
    const first = customers.map((c) => assignArm({ play: "ticket-closed", customerKey: c, share: 0.1 }));
    const again = customers.map((c) => assignArm({ play: "ticket-closed", customerKey: c, share: 0.1 }));
    expect(again).toEqual(first);
    expect(holdoutDraw({ play: "ticket-closed", customerKey: "C000001" })).toBe(
      holdoutDraw({ play: "ticket-closed", customerKey: "C000001" }),
    );
    const other = customers.map((c) => assignArm({ play: "renewal-check-in", customerKey: c, share: 0.1 }));
    const both = first.filter((arm, i) => arm === "holdout" && other[i] === "holdout").length;
    // Independent draws: about 10 % × 10 % × 10,000 = 100 customers are held out of both plays.
    expect(both).toBeGreaterThan(60);
    expect(both).toBeLessThan(140);
  });

  it("draws are uniform in [0, 1)", () => {
    const draws = customers.map((c) => holdoutDraw({ play: "p", customerKey: c }));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeCloseTo(0.5, 1);
  });

  it.each([0, 1])("share %s holds out nobody or everybody", (share) => {
    const held = customers
      .slice(0, 500)
      .filter((c) => assignArm({ play: "p", customerKey: c, share }) === "holdout").length;
    expect(held).toBe(share * 500);
  });
});
