import { describe, expect, it } from "vitest";
import { kindMedians, median } from "./kind-medians.ts";

const DAY = 86_400_000;
const sortedMedian = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

describe("median", () => {
  it.each([[[5]], [[2, 1]], [[3, 1, 2]], [[4, 4, 4, 1]], [[9, -1, 0, 7, 7, 3, 2, 8]]])(
    "of %j is the middle (or the mean of the middle two)",
    (values) => {
      expect(median(Float64Array.from(values), values.length)).toBe(sortedMedian(values));
    },
  );

  it("agrees with sorting on random arrays with ties, using only the first n values", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 40);
      const values = Array.from({ length: n }, () => Math.floor(random() * 10));
      const a = Float64Array.from([...values, 1e9, -1e9]);
      expect(median(a, n)).toBe(sortedMedian(values));
    }
  });
});

describe("kindMedians", () => {
  it("takes, at each as-of day, the events of [T − window, T) of each kind", () => {
    // kind 0: events on days 10, 11, 12 with durations 1, 2, 9; kind 1: day 11, duration 5; one ticket without the event
    const medians = kindMedians({
      kind: Int32Array.from([0, 0, 0, 1, 0]),
      kinds: 2,
      eventMs: Float64Array.from([10 * DAY, 11 * DAY + 5, 12 * DAY + 7, 11 * DAY, NaN]),
      durationMs: Float64Array.from([1, 2, 9, 5, 100]),
      asOfDays: Int32Array.from([10, 12, 13, 14, 20]),
      windowDays: 2,
    });
    expect(Array.from(medians)).toEqual([NaN, NaN, 1.5, 5, 5.5, 5, 9, NaN, NaN, NaN]);
  });
});
