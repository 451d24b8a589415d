import { wilsonInterval } from "../kpi/wilson-interval.ts";

export { wilsonInterval };

/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * The difference of two proportions k1/n1 − k2/n2 with Newcombe's hybrid score 95 %
 * interval (his method 10, from the two Wilson intervals): honest for small groups and for
 * rates near 0 or 1, unlike the plain normal approximation. Null when a group is empty.
 */
export function proportionDifference(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  z = Z95,
): { difference: number; ci95: [number, number] } | null {
  if (n1 === 0 || n2 === 0) return null;
  const [p1, p2] = [k1 / n1, k2 / n2];
  const [l1, u1] = wilsonInterval(k1, n1, z);
  const [l2, u2] = wilsonInterval(k2, n2, z);
  const d = p1 - p2;
  return {
    difference: d,
    ci95: [d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)],
  };
}
