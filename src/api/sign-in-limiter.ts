import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { ErrorCode } from "../errors.ts";
import { errorBody } from "./http-errors.ts";

/** Sign-in attempts per minute per client (API and page alike): keys are unguessable, but failed tries are still cheap to slow down. */
export function signInLimiter(perMinute = 20): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json(errorBody(ErrorCode.RateLimited, "too many sign-in attempts: wait a minute and retry"));
    },
  });
}
