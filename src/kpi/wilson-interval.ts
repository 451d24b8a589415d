import { AppError, ErrorCode } from "../errors.ts";

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for k successes in n trials, as fractions [lo, hi].
 * Honest for small n and for 0 or n successes (unlike p ± z·se); 0 trials → [0, 1].
 */
export function wilsonInterval(k: number, n: number, z = Z95): [number, number] {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new AppError(ErrorCode.Internal, `Wilson interval: expected whole counts 0 ≤ k ≤ n, found k=${k}, n=${n}`);
  }
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
