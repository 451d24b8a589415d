import { describe, expect, it } from "vitest";
import { calibrationTable } from "./calibration-table.ts";
import { applyCalibrator, fitCalibrator, fitIsotonic, fitPlatt } from "./fit-calibrator.ts";
import { createRandom } from "./seeded-random.ts";

/** Outcomes drawn from σ(z/3 − 1) but scored with an over-confident logit z. */
function sample(n: number, seed: number) {
  const random = createRandom(seed);
  const z = Array.from({ length: n }, () => (random.next() * 2 - 1) * 9);
  const y = z.map((v) => (random.next() < 1 / (1 + Math.exp(-(v / 3 - 1))) ? 1 : 0));
  return { z, y };
}

describe("fitPlatt", () => {
  it("recovers the scale and shift of the logits", () => {
    const { z, y } = sample(20_000, 1);
    const c = fitPlatt(z, y);
    expect(c.kind).toBe("platt");
    if (c.kind === "platt") {
      expect(c.a).toBeCloseTo(1 / 3, 1);
      expect(c.b).toBeCloseTo(-1, 1);
    }
  });

  it("stays finite when the logits separate the classes", () => {
    const c = fitPlatt([-50, -40, -30, 30, 40, 50], [0, 0, 0, 1, 1, 1]);
    const p = applyCalibrator(c, [-50, 50]);
    expect(p[0]).toBeLessThan(0.3);
    expect(p[1]).toBeGreaterThan(0.7);
    expect(Number.isFinite(c.kind === "platt" ? c.a : 0)).toBe(true);
  });
});

describe("calibration on held-out data", () => {
  it.each(["platt", "auto"])("%s: predicted and observed churn agree per bin", (method) => {
    const fit = sample(10_000, 2);
    const held = sample(10_000, 3);
    const calibrator = method === "platt" ? fitPlatt(fit.z, fit.y) : fitCalibrator(fit.z, fit.y);
    const table = calibrationTable(held.y, applyCalibrator(calibrator, held.z));
    for (const bin of table.filter((b) => b.count >= 200))
      expect(Math.abs(bin.meanPredicted - bin.observedRate)).toBeLessThan(0.05);
  });
});

describe("fitIsotonic", () => {
  it("is monotone and keeps probabilities inside (0, 1)", () => {
    const { z, y } = sample(2000, 4);
    const c = fitIsotonic(z, y);
    const p = applyCalibrator(c, [-20, -5, 0, 5, 20]);
    for (let i = 1; i < p.length; i++) expect(p[i]).toBeGreaterThanOrEqual(p[i - 1]);
    expect(p[0]).toBeGreaterThan(0);
    expect(p[4]).toBeLessThan(1);
  });
});
