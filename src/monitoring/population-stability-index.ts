/** Share used in place of an empty bin's 0, so ln(a / e) stays finite (a bin no one falls into adds a bounded term). */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index of `actual` bin shares against `expected` (training) shares:
 * Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ), each share at least `epsilon`. 0 for identical distributions; by the usual rule
 * of thumb < 0.1 stable, 0.1–0.2 a moderate shift, > 0.2 a significant one.
 */
export function populationStabilityIndex(
  expected: readonly number[],
  actual: readonly number[],
  epsilon = PSI_EPSILON,
): number {
  if (expected.length !== actual.length)
    throw new RangeError(`expected as many run bins as training bins (${expected.length}), found ${actual.length}`);
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i], epsilon);
    const a = Math.max(actual[i], epsilon);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}
