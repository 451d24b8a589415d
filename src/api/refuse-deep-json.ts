import type { RequestHandler } from "express";
import { AppError, ErrorCode } from "../errors.ts";
import { MAX_JSON_DEPTH, measureJsonDepth } from "../measure-json-depth.ts";

/**
 * Mounted right after the JSON body parser: a body nested deeper than MAX_JSON_DEPTH is a 400
 * before any route, zod schema or error message recurses into it (a field 5,000 levels deep
 * overflowed JSON.stringify and answered 500). Counting is iterative and stops at the limit.
 */
export const refuseDeepJson: RequestHandler = (req, _res, next) => {
  if (measureJsonDepth(req.body, MAX_JSON_DEPTH) <= MAX_JSON_DEPTH) return next();
  next(
    new AppError(
      ErrorCode.BadInput,
      `expected a JSON body nested at most ${MAX_JSON_DEPTH} levels deep, found one nested deeper`,
    ),
  );
};
