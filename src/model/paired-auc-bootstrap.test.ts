import { describe, expect, it } from "vitest";
import { pairedAucBootstrap } from "./paired-auc-bootstrap.ts";
import { rocAuc } from "./roc-auc.ts";
import { createRandom } from "./seeded-random.ts";

/** n rows, churn 20 %; `signal` scales how much each model's score knows the label. */
function world(n: number, seed: number) {
  const random = createRandom(seed);
  const y = Array.from({ length: n }, () => (random.next() < 0.2 ? 1 : 0));
  const scores = (signal: number) => y.map((v) => signal * v + random.next());
  return { y, scores };
}

describe("pairedAucBootstrap", () => {
  it("measures the difference exactly as rocAuc does, ties included", () => {
    const y = [0, 0, 1, 1, 0, 1, 0, 1];
    const a = [0.1, 0.4, 0.4, 0.8, 0.3, 0.9, 0.5, 0.5];
    const b = [0.5, 0.5, 0.5, 0.5, 0.1, 0.2, 0.3, 0.4];
    const result = pairedAucBootstrap({ y, a, b, resamples: 200, seed: 3 });
    expect(result.difference).toBeCloseTo(rocAuc(y, a) - rocAuc(y, b), 12);
    expect(result.low).toBeLessThanOrEqual(result.difference);
    expect(result.high).toBeGreaterThanOrEqual(result.difference);
  });

  it("gives an interval of zero width for the same scores, and one above zero for a clearly better model", () => {
    const { y, scores } = world(2000, 7);
    const weak = scores(0.3);
    const same = pairedAucBootstrap({ y, a: weak, b: weak });
    expect([same.difference, same.low, same.high]).toEqual([0, 0, 0]);
    const better = pairedAucBootstrap({ y, a: scores(1.5), b: weak });
    expect(better.low).toBeGreaterThan(0);
    expect(better.high).toBeGreaterThan(better.low);
  });

  it("straddles zero for two models equally good (noise, not improvement)", () => {
    const { y, scores } = world(2000, 11);
    const result = pairedAucBootstrap({ y, a: scores(0.6), b: scores(0.6) });
    expect(result.low).toBeLessThan(0);
    expect(result.high).toBeGreaterThan(0);
  });

  it("is seeded: the same seed gives the same interval", () => {
    const { y, scores } = world(500, 5);
    const a = scores(0.5);
    const b = scores(0.4);
    const first = pairedAucBootstrap({ y, a, b, seed: 9 });
    const again = pairedAucBootstrap({ y, a, b, seed: 9 });
    expect([again.low, again.high]).toEqual([first.low, first.high]);
  });

  it("resamples a test window of 20k rows 1,000 times in about a second", () => {
    const { y, scores } = world(20_000, 13);
    const result = pairedAucBootstrap({ y, a: scores(0.5), b: scores(0.45) });
    console.log(`paired bootstrap, 20k rows × 1,000 resamples: ${(result.ms / 1000).toFixed(2)} s`);
    expect(result.ms).toBeLessThan(10_000); // generous: the machine is shared; 0.9–1.4 s measured
  });
});
