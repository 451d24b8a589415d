import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { AppError, ErrorCode } from "../errors.ts";

/**
 * Sign-in attempts per minute per client, counted in one store for every door that uses the
 * returned handler (create one per app and give it to the API's POST /session and the form's
 * POST /sign-in, so 20 tries split across both still hit one limit). Keys are unguessable, but
 * failed tries are still cheap to slow down. Over the limit, the request fails with RATE_LIMITED
 * and each door answers in its own way: JSON for the API, an HTML page for the form.
 */
export function signInLimiter(perMinute = 20): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new AppError(ErrorCode.RateLimited, "too many sign-in attempts: wait a minute and retry")),
  });
}
