import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Constant-time equality of two secrets, signatures or tokens of any length: both are compared as
 * SHA-256 digests, so neither their content nor their length leaks through timing.
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
