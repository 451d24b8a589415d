import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, ErrorCode } from "../errors.ts";
import { moduleLogger } from "../logger.ts";

/** The one table from error codes to HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  BAD_CONFIG: 500,
  FILE_REFUSED: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  NO_ACTIVE_MODEL: 409,
  DATABASE: 500,
  INTERNAL: 500,
};

/** The one error shape of the API: `{ "error": { "code", "message", "details"? } }`. */
export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

const log = moduleLogger("http");

/** Body-parser errors carry a `type`; everything unknown becomes a logged 500. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { type?: string; status?: number; limit?: number; message?: string };
  if (e?.type === "entity.too.large")
    return new AppError(
      ErrorCode.PayloadTooLarge,
      `request body too large: the limit is ${e.limit} bytes; send fewer records per request`,
    );
  if (e?.type === "entity.parse.failed")
    return new AppError(ErrorCode.BadInput, `expected a JSON body, found invalid JSON (${e.message})`);
  if (e?.type === "encoding.unsupported" || e?.type === "charset.unsupported")
    return new AppError(ErrorCode.BadInput, `expected a UTF-8 JSON body (${e.message})`);
  return new AppError(ErrorCode.Internal, "internal error");
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = toAppError(error);
  const status = HTTP_STATUS[appError.code];
  if (status >= 500) log.error({ err: error, path: req.path }, "request failed");
  res.status(status).json(errorBody(appError.code, appError.message, appError.details));
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody(ErrorCode.NotFound, `no route ${req.method} ${req.path}`));
};
