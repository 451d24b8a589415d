import { describe, expect, it } from "vitest";
import { Random } from "./random.ts";

const draw = (rng: Random, n: number, f: (r: Random) => number) => Array.from({ length: n }, () => f(rng));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe("Random", () => {
  it("repeats its sequence for the same seed parts and differs for others", () => {
    const a = draw(new Random(42, 5, 1), 50, (r) => r.next());
    expect(draw(new Random(42, 5, 1), 50, (r) => r.next())).toEqual(a);
    expect(draw(new Random(42, 5, 2), 50, (r) => r.next())).not.toEqual(a);
    expect(draw(new Random(43, 5, 1), 50, (r) => r.next())).not.toEqual(a);
  });

  it.each([0, -1, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER])(
    "seed %s gives a working, distinct stream",
    (seed) => {
      const xs = draw(new Random(seed), 1000, (r) => r.next());
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThan(1);
      expect(new Set(xs).size).toBeGreaterThan(990);
      expect(draw(new Random(seed + 1), 5, (r) => r.next())).not.toEqual(xs.slice(0, 5));
    },
  );

  it("draws uniform, normal, log-normal and Poisson values with the right moments", () => {
    const rng = new Random(7);
    const u = draw(rng, 20_000, (r) => r.next());
    expect(mean(u)).toBeCloseTo(0.5, 1);
    const n = draw(rng, 20_000, (r) => r.normal(3, 2));
    expect(mean(n)).toBeCloseTo(3, 1);
    expect(sd(n)).toBeCloseTo(2, 1);
    const ln = draw(rng, 20_000, (r) => r.logNormal(10, 0.5)).sort((a, b) => a - b);
    expect(ln[10_000] / 10).toBeCloseTo(1, 1);
    for (const lambda of [0.05, 3, 50]) {
      expect(mean(draw(rng, 20_000, (r) => r.poisson(lambda))) / lambda).toBeCloseTo(1, 1);
    }
    expect(rng.poisson(0)).toBe(0);
  });

  it("keeps int within bounds and weighted proportional to weights", () => {
    const rng = new Random(9);
    const ints = draw(rng, 5000, (r) => r.int(3, 6));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6]));
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rng.weighted([1, 2, 7])]++;
    expect(counts[0] / 30_000).toBeCloseTo(0.1, 1);
    expect(counts[2] / 30_000).toBeCloseTo(0.7, 1);
    expect(rng.weighted([0, 0, 5])).toBe(2);
  });
});
