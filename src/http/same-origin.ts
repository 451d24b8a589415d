import type { Request } from "express";
import { AppError, ErrorCode } from "../errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True for methods that change nothing. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Refuses a cookie-authenticated change that another site started (defence in depth behind
 * SameSite=Strict): the browser's Sec-Fetch-Site, when sent, must be same-origin; without it, an
 * Origin header must be this server's. (Browsers send `Origin: null` on same-origin form posts
 * under `Referrer-Policy: no-referrer`, so Sec-Fetch-Site decides whenever a browser sends it.)
 */
export function assertSameOrigin(req: Request): void {
  const site = req.get("sec-fetch-site");
  if (site) {
    if (site === "same-origin" || site === "none") return;
    throw new AppError(
      ErrorCode.Forbidden,
      `cross-site request refused: expected Sec-Fetch-Site same-origin, found "${site}"`,
    );
  }
  const origin = req.get("origin");
  const self = `${req.protocol}://${req.get("host")}`;
  if (origin && origin !== self)
    throw new AppError(ErrorCode.Forbidden, `cross-site request refused: expected Origin ${self}, found "${origin}"`);
}
